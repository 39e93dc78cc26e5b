import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { followerOrStaff } from "./permissions.ts";

/** Ratings at or below this reopen the request and raise its escalation level. */
export const POOR_RATING = 2;

/**
 * 评单: the resident rates the outcome (staff may record a rating taken on a follow-up call). A
 * poor rating sends the request back to the desk, escalated, in the same change.
 */
export async function rateServiceRequest({ input, ...args }: TransitionArgs & { input: { score: number; comment?: string } }) {
  return applyTransition(args, "rate", { check: followerOrStaff, who: "the resident (or staff recording their rating)" }, (row, _v, t) => {
    const rating = { rating: input.score, ratingComment: input.comment ?? null, ratedAt: t };
    if (input.score > POOR_RATING) return { set: rating, note: input.comment ?? null, data: { score: input.score } };
    const escalationLevel = row.escalationLevel + 1;
    return {
      set: { ...rating, escalationLevel, resolvedAt: null, closedAt: null },
      to: "reopened",
      note: input.comment ?? null,
      data: { score: input.score },
      more: [{ type: "reopened", fromStatus: "rated", toStatus: "reopened", data: { reason: "poor_rating", escalation_level: escalationLevel } }],
    };
  });
}
