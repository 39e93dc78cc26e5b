import { and, eq, isNull } from "drizzle-orm";
import { requireChanged } from "../../db/guard.ts";
import { outbox, requestEvents, serviceRequests } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { eventRow, requestOutbox } from "./request-event.ts";
import type { RequestRow } from "./viewer.ts";

/**
 * The request side of turning a lead into an existing request (leads/convert-lead.ts): sets
 * `source_lead_id`, which changes what staff read, so it bumps the version (and the ETag). The
 * UPDATE is conditional on the version read and on the request not being linked yet, and the
 * guard aborts the whole batch otherwise. The timeline records it as an internal `lead_linked`
 * event (residents never see leads), announced as `request.lead_linked`.
 */
export function sourceLeadStatements(deps: Deps, caller: Principal, row: RequestRow, leadId: string, at: number) {
  const next: RequestRow = { ...row, sourceLeadId: leadId, version: row.version + 1, updatedAt: at };
  return [
    deps.db
      .update(serviceRequests)
      .set({ sourceLeadId: leadId, version: next.version, updatedAt: at })
      .where(
        and(
          eq(serviceRequests.id, row.id),
          eq(serviceRequests.jurisdictionId, row.jurisdictionId),
          eq(serviceRequests.version, row.version),
          isNull(serviceRequests.sourceLeadId),
        ),
      ),
    deps.db.run(requireChanged()),
    deps.db.insert(requestEvents).values(eventRow(caller, row, at, { type: "lead_linked", visibility: "internal", data: { lead_id: leadId } })),
    deps.db.insert(outbox).values(requestOutbox(next, at, "lead_linked", { lead_id: leadId })),
  ] as const;
}
