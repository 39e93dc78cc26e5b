import { and, eq, ne } from "drizzle-orm";
import { auditLog, outbox, volunteerLeads } from "../../db/schema/index.ts";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf, auditEntry } from "../audit/record-audit.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { sourceLeadStatements } from "../requests/link-source-lead.ts";
import { findRequest } from "../requests/load-request.ts";
import { canSee, viewerOf } from "../requests/viewer.ts";
import { assertStaffFor, taskManagerRoles } from "../tasks/task-access.ts";
import { loadLead } from "./load-lead.ts";

/**
 * The seam between leads and service requests. It marks lead `leadId` converted into request
 * `requestId`, only if the lead is still new; put it in the SAME batch that creates the request
 * (the requests feature's create verb can accept a `source_lead_id` and include these
 * statements), and the two are linked atomically. The lead → request direction lives here
 * (`request_id`); the request → lead direction is the request's own `source_lead_id`, which
 * belongs to the requests feature (set on filing by create-request, or for an existing request by
 * requests/link-source-lead.ts from `convertLead` below), and `listLeads?request_id=`.
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

const alreadyLinked = (requestId: string, leadId: string) =>
  new AppError("conflict", `Request ${requestId} is already linked to another lead.`, { extensions: { linked_lead_id: leadId } });

/**
 * An officer records that a lead became a service request they created through the requests API.
 * The request must be one the caller can see in their jurisdiction (else 404, the same as one
 * that does not exist) and not yet linked to another lead (409). One batch marks the lead
 * converted and sets the request's `source_lead_id` (a new request version), each guarded, so a
 * lost race writes nothing.
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
  const notNew = (l: { status: string; requestId: string | null }) =>
    new AppError("invalid_transition", `A ${l.status} lead cannot be converted.`, { extensions: { status_now: l.status, converted_request_id: l.requestId } });
  if (lead.status !== "new") throw notNew(lead);
  const j = caller.jurisdictionId;
  const [request, viewer] = await Promise.all([findRequest(deps, j, serviceRequestId), viewerOf(deps, caller)]);
  if (!request || !canSee(viewer, request)) throw new AppError("not_found", "No such request.");
  if (request.sourceLeadId) throw alreadyLinked(request.id, request.sourceLeadId);
  // A lead converted before both directions were recorded may point at it without the request knowing.
  const [other] = await deps.db
    .select({ id: volunteerLeads.id })
    .from(volunteerLeads)
    .where(and(eq(volunteerLeads.jurisdictionId, j), eq(volunteerLeads.requestId, request.id), ne(volunteerLeads.id, lead.id)))
    .limit(1);
  if (other) throw alreadyLinked(request.id, other.id);

  const at = deps.now();
  try {
    await deps.db.batch([
      ...leadConversionStatements(deps, { jurisdictionId: j, leadId: lead.id, requestId: request.id, actor: actorOf(caller), at }),
      ...sourceLeadStatements(deps, caller, request, lead.id, at),
      deps.db.insert(auditLog).values(
        auditEntry(caller, at, { action: "lead.converted", subjectType: "volunteer_lead", subjectId: lead.id, detail: { request_id: request.id }, requestId }),
      ),
    ]);
  } catch (err) {
    if (!isGuardFailure(err)) throw err;
    // Someone else got there first: say what happened if it is one of the known outcomes.
    const [now, latest] = await Promise.all([loadLead(deps, caller, id).catch(() => undefined), findRequest(deps, j, request.id)]);
    if (now && now.status !== "new") throw notNew(now);
    if (latest?.sourceLeadId && latest.sourceLeadId !== lead.id) throw alreadyLinked(request.id, latest.sourceLeadId);
    throw err;
  }
  return lead.id;
}
