import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { agencyOrAdmin } from "./permissions.ts";

/** 接单: the assigned agency takes the request on. The first response counts for the figures. */
export async function acceptServiceRequest({ input, ...args }: TransitionArgs & { input: { note?: string } }) {
  return applyTransition(args, "accept", { check: agencyOrAdmin, who: "the assigned agency" }, (row, _v, t) => ({
    set: { firstRespondedAt: row.firstRespondedAt ?? t },
    note: input.note ?? null,
    data: { agency_id: row.agencyId },
  }));
}
