import type { outbox } from "../../db/schema/index.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import type { RequestRow } from "../requests/viewer.ts";
import type { DisputeRow } from "./load-dispute.ts";

/**
 * The outbox row announcing a `dispute.*` event: the dispute's ids and states as they are after
 * the change (grade, level, outcome, version), plus the event's own ids and states. Never notes,
 * summaries or parties: receivers read those with their own credentials.
 */
export function disputeOutbox(
  dispute: Pick<DisputeRow, "id" | "jurisdictionId" | "grade" | "level" | "outcome" | "version">,
  request: Pick<RequestRow, "id" | "agencyId">,
  at: number,
  type: string,
  extra: Record<string, unknown> = {},
): typeof outbox.$inferInsert {
  return outboxEntry(dispute.jurisdictionId, at, {
    type,
    agencyId: request.agencyId,
    payload: { dispute_id: dispute.id, request_id: request.id, grade: dispute.grade, level: dispute.level, outcome: dispute.outcome, version: dispute.version, ...extra },
  });
}
