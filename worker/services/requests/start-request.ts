import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { agencyOrAdmin } from "./permissions.ts";

/** The agency is on it (on site, processing the certificate …). */
export async function startServiceRequest({ input, ...args }: TransitionArgs & { input: { note?: string } }) {
  return applyTransition(args, "start", { check: agencyOrAdmin, who: "the assigned agency" }, () => ({ note: input.note ?? null }));
}
