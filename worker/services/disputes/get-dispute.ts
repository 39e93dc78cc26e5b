import { and, asc, eq, inArray } from "drizzle-orm";
import { disputeFollowUps, disputeParties, mediationSessions, requestEvents } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { loadDispute } from "./load-dispute.ts";

/** The whole mediation file: parties (masked), sessions, agreement, follow-ups and the grade/level history. */
export async function getDispute({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  const { dispute } = await loadDispute(deps, caller, id);
  const j = dispute.jurisdictionId;
  const [parties, sessions, followUps, history] = await Promise.all([
    deps.db.select().from(disputeParties).where(and(eq(disputeParties.jurisdictionId, j), eq(disputeParties.disputeId, dispute.id))).orderBy(asc(disputeParties.createdAt), asc(disputeParties.id)),
    deps.db.select().from(mediationSessions).where(and(eq(mediationSessions.jurisdictionId, j), eq(mediationSessions.disputeId, dispute.id))).orderBy(asc(mediationSessions.heldAt), asc(mediationSessions.id)),
    deps.db.select().from(disputeFollowUps).where(and(eq(disputeFollowUps.jurisdictionId, j), eq(disputeFollowUps.disputeId, dispute.id))).orderBy(asc(disputeFollowUps.dueAt), asc(disputeFollowUps.id)),
    deps.db
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.jurisdictionId, j), eq(requestEvents.requestId, dispute.requestId), inArray(requestEvents.type, ["dispute.graded", "dispute.escalated"])))
      .orderBy(asc(requestEvents.at), asc(requestEvents.id)),
  ]);
  return { dispute, parties, sessions, followUps, history };
}
