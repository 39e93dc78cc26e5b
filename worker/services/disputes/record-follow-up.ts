import { and, eq } from "drizzle-orm";
import { requireChanged } from "../../db/guard.ts";
import { disputeFollowUps, outbox, requestEvents } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf } from "../audit/record-audit.ts";
import { eventRow } from "../requests/request-event.ts";
import { disputeOutbox } from "./dispute-outbox.ts";
import { loadDispute } from "./load-dispute.ts";

/**
 * Records a 回访: only a scheduled visit can be recorded, and only once (the UPDATE is conditional
 * on the visit still being scheduled, so of two concurrent recordings one wins and the other is
 * 409). It changes the visit, not the dispute's version, so like a session it takes no If-Match.
 * The timeline event and the `dispute.follow_up` outbox row are written in the same batch.
 */
export async function recordDisputeFollowUp({
  deps,
  caller,
  id,
  followUpId,
  input,
}: {
  deps: Deps;
  caller: Principal;
  id: string;
  followUpId: string;
  input: { result: "stable" | "recurred" | "unreachable"; note?: string };
}) {
  const { dispute, request } = await loadDispute(deps, caller, id, "requests:write");
  const [f] = await deps.db
    .select()
    .from(disputeFollowUps)
    .where(and(eq(disputeFollowUps.id, followUpId), eq(disputeFollowUps.disputeId, dispute.id), eq(disputeFollowUps.jurisdictionId, dispute.jurisdictionId)));
  if (!f) throw new AppError("not_found", "No such follow-up.");
  if (f.status !== "scheduled") throw new AppError("invalid_transition", `This follow-up is ${f.status}.`, { extensions: { status_now: f.status, allowed: [] } });
  const t = deps.now();
  const set = { status: "done" as const, result: input.result, note: input.note ?? null, doneAt: t, doneBy: actorOf(caller) };
  await deps.db.batch([
    deps.db.update(disputeFollowUps).set(set).where(and(eq(disputeFollowUps.id, f.id), eq(disputeFollowUps.status, "scheduled"))),
    deps.db.run(requireChanged()),
    deps.db.insert(requestEvents).values(
      eventRow(caller, request, t, { type: "dispute.follow_up", visibility: "internal", note: input.note ?? null, data: { dispute_id: dispute.id, follow_up_id: f.id, result: input.result, offset_days: f.offsetDays } }),
    ),
    deps.db.insert(outbox).values(disputeOutbox(dispute, request, t, "dispute.follow_up", { follow_up_id: f.id, result: input.result, offset_days: f.offsetDays })),
  ]);
  return { ...f, ...set };
}
