import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { isDesk } from "./permissions.ts";

/** Not a matter for this service (a prank, a wrong number); the reason is shown to the resident. */
export async function markServiceRequestInvalid({ input, ...args }: TransitionArgs & { input: { reason: string } }) {
  return applyTransition(args, "mark-invalid", { check: isDesk, who: "the duty desk" }, (_row, _v, t) => ({ set: { closedAt: t }, note: input.reason }));
}
