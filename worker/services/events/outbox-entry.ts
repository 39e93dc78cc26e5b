import { outbox } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";

/**
 * The outbox row for a domain event, to insert in the same `db.batch` as the change. Payloads
 * carry ids and states, not personal data: receivers fetch details with their own credentials.
 */
export function outboxEntry(
  jurisdictionId: string,
  at: number,
  event: { type: string; agencyId?: string | null; payload: Record<string, unknown> },
): typeof outbox.$inferInsert {
  return {
    id: newId("outbox"),
    jurisdictionId,
    type: event.type,
    agencyId: event.agencyId ?? null,
    payload: event.payload,
    createdAt: at,
    dispatchedAt: null,
  };
}
