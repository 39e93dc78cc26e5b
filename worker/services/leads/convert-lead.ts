import { and, eq } from "drizzle-orm";
import { auditLog, outbox, volunteerLeads } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf, auditEntry } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { assertStaffFor, taskManagerRoles } from "../tasks/task-access.ts";
import { loadLead } from "./load-lead.ts";

/**
 * The seam between leads and service requests. It marks lead `leadId` converted into request
 * `requestId`, only if the lead is still new; put it in the SAME batch that creates the request
 * (the requests feature's create verb can accept a `source_lead_id` and include these
 * statements), and the two are linked atomically. The lead → request direction lives here
 * (`request_id`); the request → lead direction is `listLeads?request_id=` (or the request's own
 * `source_lead_id`, which belongs to the requests feature).
 */
export function leadConversionStatements(deps: Deps, p: { jurisdictionId: string; leadId: string; requestId: string; actor: string; at: number }) {
  return [
    deps.db
      .update(volunteerLeads)
      .set({ status: "converted", requestId: p.requestId, convertedAt: p.at, convertedBy: p.actor, updatedAt: p.at })
      .where(and(eq(volunteerLeads.id, p.leadId), eq(volunteerLeads.jurisdictionId, p.jurisdictionId), eq(volunteerLeads.status, "new"))),
    deps.db.run(requireChanged()),
    deps.db.insert(outbox).values(
      outboxEntry(p.jurisdictionId, p.at, { type: "lead.converted", payload: { lead_id: p.leadId, request_id: p.requestId } }),
    ),
  ] as const;
}

/**
 * An officer records that a lead became a service request they created through the requests API
 * (the request id is the caller's; this branch does not own the requests table and does not
 * look the request up).
 */
export async function convertLead({
  deps,
  caller,
  id,
  serviceRequestId,
  requestId,
}: {
  deps: Deps;
  caller: Principal;
  id: string;
  serviceRequestId: string;
  requestId?: string;
}) {
  const lead = await loadLead(deps, caller, id);
  assertStaffFor(caller, "tasks:write", taskManagerRoles, lead.areaPath ?? undefined);
  if (lead.status !== "new") {
    throw new AppError("invalid_transition", `A ${lead.status} lead cannot be converted.`, { extensions: { status_now: lead.status, converted_request_id: lead.requestId } });
  }
  const at = deps.now();
  await deps.db.batch([
    ...leadConversionStatements(deps, { jurisdictionId: caller.jurisdictionId, leadId: lead.id, requestId: serviceRequestId, actor: actorOf(caller), at }),
    deps.db.insert(auditLog).values(
      auditEntry(caller, at, { action: "lead.converted", subjectType: "volunteer_lead", subjectId: lead.id, detail: { request_id: serviceRequestId }, requestId }),
    ),
  ]);
  return lead.id;
}
