import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { agencyOrAdmin } from "./permissions.ts";

/** The agency hands the request back to the desk with its reason (kept internal: it is between staff). */
export async function declineServiceRequest({ input, ...args }: TransitionArgs & { input: { reason: string } }) {
  return applyTransition(args, "decline", { check: agencyOrAdmin, who: "the assigned agency" }, (row, _v, t) => ({
    set: { agencyId: null, firstRespondedAt: row.firstRespondedAt ?? t },
    note: input.reason,
    visibility: "internal",
    data: { agency_id: row.agencyId },
  }));
}
