import { auditLog } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { assertStaffFor, volunteerStaffRoles } from "../tasks/task-access.ts";
import { loadVolunteer } from "./load-volunteer.ts";

/**
 * The volunteer's real name and phone, for staff of their area who need to call them (a search
 * is on, they did not show up). Every reveal is audited; everywhere else they are masked.
 */
export async function revealVolunteer({ deps, caller, userId, requestId }: { deps: Deps; caller: Principal; userId: string; requestId?: string }) {
  const { profile, user } = await loadVolunteer(deps, caller.jurisdictionId, userId);
  assertStaffFor(caller, "tasks:write", volunteerStaffRoles, profile.homeAreaPath ?? undefined);
  await deps.db.batch([
    deps.db.insert(auditLog).values(
      auditEntry(caller, deps.now(), { action: "volunteer.revealed", subjectType: "user", subjectId: userId, detail: { fields: ["display_name", "phone"] }, requestId }),
    ),
  ]);
  return { user_id: userId, display_name: user.displayName, phone: user.phone };
}
