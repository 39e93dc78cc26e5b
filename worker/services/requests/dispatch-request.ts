import type { Urgency } from "../../db/schema/services.ts";
import { AppError } from "../../lib/problem.ts";
import { iso } from "../../lib/time.ts";
import { findAgency } from "../catalogue/find-agency.ts";
import { getService } from "../catalogue/get-service.ts";
import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { urgencyRank } from "./lifecycle.ts";
import { isDesk } from "./permissions.ts";

/**
 * 派单: the desk sends a request to an agency (the service's default unless it names one). Due
 * times start now, from the service's SLA; a re-dispatch starts them afresh.
 */
export async function dispatchServiceRequest({ input, ...args }: TransitionArgs & { input: { agency_id?: string; urgency?: Urgency; note?: string } }) {
  return applyTransition(args, "dispatch", { check: isDesk, who: "the duty desk" }, async (row, _v, t) => {
    const service = await getService({ deps: args.deps, jurisdictionId: row.jurisdictionId, code: row.serviceCode });
    const agencyId = input.agency_id ?? service.defaultAgencyId;
    if (!agencyId) {
      throw new AppError("validation_failed", "This service has no default agency; name one.", {
        extensions: { errors: [{ pointer: "/body/agency_id", detail: "required for this service" }] },
      });
    }
    await findAgency(args.deps, row.jurisdictionId, agencyId, "/body/agency_id");
    const urgency = input.urgency ?? row.urgency;
    const firstResponseDueAt = t + service.firstResponseMinutes * 60_000;
    const resolutionDueAt = t + service.resolutionHours * 3_600_000;
    return {
      set: {
        agencyId,
        urgency,
        urgencyRank: urgencyRank[urgency],
        dispatchedAt: t,
        firstResponseDueAt,
        resolutionDueAt,
        overdueSince: null,
        responseBreachedAt: null,
        resolutionBreachedAt: null,
      },
      note: input.note ?? null,
      data: { agency_id: agencyId, urgency, first_response_due_at: iso(firstResponseDueAt), resolution_due_at: iso(resolutionDueAt) },
    };
  });
}
