import type { DisputeGrade } from "../../db/schema/disputes.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { changeDispute, checkDisputeIfMatch } from "./change-dispute.ts";
import { loadDispute } from "./load-dispute.ts";

/** Re-grades a dispute by difficulty (green → red); every change is kept in its history. */
export async function gradeDispute({ deps, caller, id, ifMatch, input }: { deps: Deps; caller: Principal; id: string; ifMatch?: string; input: { grade: DisputeGrade; reason: string } }) {
  const { dispute, request } = await loadDispute(deps, caller, id, "requests:write");
  checkDisputeIfMatch(ifMatch, dispute.version);
  if (dispute.grade === input.grade) throw new AppError("conflict", `The dispute is already ${input.grade}.`);
  return changeDispute(deps, caller, dispute, request, { grade: input.grade }, {
    type: "dispute.graded",
    note: input.reason,
    data: { dispute_id: dispute.id, from: dispute.grade, to: input.grade },
  });
}
