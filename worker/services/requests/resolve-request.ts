import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { agencyOrAdmin } from "./permissions.ts";
import { resolutionExtras } from "./resolution-extras.ts";

/** 办结: the agency records what it did; the resident is then asked to rate it. */
export async function resolveServiceRequest({ input, ...args }: TransitionArgs & { input: { result: string } }) {
  return applyTransition(args, "resolve", { check: agencyOrAdmin, who: "the assigned agency" }, (row, _v, t) => ({
    set: { resolvedAt: t, resolutionNote: input.result },
    note: input.result,
    extra: (next) => resolutionExtras(args.deps, next, t),
  }));
}
