import { mediationSessions, outbox, requestEvents } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { actorOf } from "../audit/record-audit.ts";
import { eventRow } from "../requests/request-event.ts";
import { disputeOutbox } from "./dispute-outbox.ts";
import { loadDispute } from "./load-dispute.ts";

/**
 * A mediation sitting, recorded at the level mediating now; it also goes on the request's timeline
 * and, as `dispute.session`, to the outbox. An append like a request comment: it leaves the
 * dispute's version alone, so it takes no If-Match and never invalidates anyone else's.
 */
export async function recordMediationSession({
  deps,
  caller,
  id,
  input,
}: {
  deps: Deps;
  caller: Principal;
  id: string;
  input: { held_at: string; location?: string; summary: string; outcome: "continued" | "agreed" | "failed" };
}) {
  const { dispute, request } = await loadDispute(deps, caller, id, "requests:write");
  const t = deps.now();
  const row = {
    id: newId("mediationSession"),
    jurisdictionId: dispute.jurisdictionId,
    disputeId: dispute.id,
    level: dispute.level,
    heldAt: Date.parse(input.held_at),
    location: input.location ?? null,
    summary: input.summary,
    outcome: input.outcome,
    recordedBy: actorOf(caller),
    createdAt: t,
  };
  await deps.db.batch([
    deps.db.insert(mediationSessions).values(row),
    deps.db.insert(requestEvents).values(
      eventRow(caller, request, t, { type: "dispute.session", visibility: "internal", note: input.summary, data: { dispute_id: dispute.id, session_id: row.id, level: row.level, outcome: row.outcome } }),
    ),
    deps.db.insert(outbox).values(disputeOutbox(dispute, request, t, "dispute.session", { session_id: row.id, session_outcome: row.outcome })),
  ]);
  return row;
}
