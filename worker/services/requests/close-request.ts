import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { isDesk } from "./permissions.ts";

/** The desk closes a resolved or rated request (the scheduled job closes unrated ones after AUTO_CLOSE_DAYS). */
export async function closeServiceRequest({ input, ...args }: TransitionArgs & { input: { note?: string } }) {
  return applyTransition(args, "close", { check: isDesk, who: "the duty desk" }, (_row, _v, t) => ({ set: { closedAt: t }, note: input.note ?? null }));
}
