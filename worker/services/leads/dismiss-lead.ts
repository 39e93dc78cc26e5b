import { and, eq } from "drizzle-orm";
import { auditLog, volunteerLeads } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { assertStaffFor, volunteerStaffRoles } from "../tasks/task-access.ts";
import { loadLead } from "./load-lead.ts";

/** Staff close a lead that needs no request (already known, not credible). */
export async function dismissLead({ deps, caller, id, reason, requestId }: { deps: Deps; caller: Principal; id: string; reason: string; requestId?: string }) {
  const lead = await loadLead(deps, caller, id);
  assertStaffFor(caller, "tasks:write", volunteerStaffRoles, lead.areaPath ?? undefined);
  if (lead.status !== "new") throw new AppError("invalid_transition", `A ${lead.status} lead cannot be dismissed.`, { extensions: { status_now: lead.status } });
  const at = deps.now();
  await deps.db.batch([
    deps.db
      .update(volunteerLeads)
      .set({ status: "dismissed", updatedAt: at })
      .where(and(eq(volunteerLeads.id, lead.id), eq(volunteerLeads.status, "new"))),
    deps.db.run(requireChanged()),
    deps.db.insert(auditLog).values(auditEntry(caller, at, { action: "lead.dismissed", subjectType: "volunteer_lead", subjectId: lead.id, detail: { reason }, requestId })),
  ]);
  return lead.id;
}
