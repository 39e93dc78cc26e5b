import { and, eq } from "drizzle-orm";
import { volunteerLeads } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { isStaffOf, volunteerStaffRoles } from "../tasks/task-access.ts";
import type { LeadRow } from "./present-lead.ts";

/** A lead is its reporter's and the staff's: anyone else gets 404. */
export async function loadLead(deps: Deps, caller: Principal, id: string): Promise<LeadRow> {
  assertScope(caller, "tasks:read");
  const [row] = await deps.db.select().from(volunteerLeads).where(and(eq(volunteerLeads.id, id), eq(volunteerLeads.jurisdictionId, caller.jurisdictionId)));
  if (!row || (caller.user?.id !== row.userId && !isStaffOf(caller, volunteerStaffRoles))) throw new AppError("not_found", "No such lead.");
  return row;
}
