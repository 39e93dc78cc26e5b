import { AppError } from "../../lib/problem.ts";
import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { findRequest } from "./load-request.ts";
import { isDesk } from "./permissions.ts";

const notThat = (detail: string) =>
  new AppError("validation_failed", "That request cannot be the original.", { extensions: { errors: [{ pointer: "/body/duplicate_of", detail }] } });

/**
 * Links a request to the one it repeats. Links always point at the original: marking a request a
 * duplicate of a duplicate links it to that one's original instead.
 */
export async function markServiceRequestDuplicate({ input, ...args }: TransitionArgs & { input: { duplicate_of: string; note?: string } }) {
  return applyTransition(args, "mark-duplicate", { check: isDesk, who: "the duty desk" }, async (row, _v, t) => {
    let original = await findRequest(args.deps, row.jurisdictionId, input.duplicate_of);
    if (original?.status === "duplicate" && original.duplicateOf) original = await findRequest(args.deps, row.jurisdictionId, original.duplicateOf);
    if (!original) throw notThat("unknown request");
    if (original.id === row.id) throw notThat("a request cannot duplicate itself");
    return { set: { duplicateOf: original.id, closedAt: t }, note: input.note ?? null, data: { duplicate_of: original.id } };
  });
}
