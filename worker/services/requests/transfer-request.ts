import { AppError } from "../../lib/problem.ts";
import { findAgency } from "../catalogue/find-agency.ts";
import { getService } from "../catalogue/get-service.ts";
import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { isDesk, ofAssignedAgency } from "./permissions.ts";
import type { RequestRow, Viewer } from "./viewer.ts";

const may = (v: Viewer, row: RequestRow) => ofAssignedAgency(v, row) || isDesk(v);

/**
 * The assigned agency (or the desk) passes the request straight to another agency, which must
 * accept it within the service's first-response time; the resolution due time does not move.
 */
export async function transferServiceRequest({ input, ...args }: TransitionArgs & { input: { agency_id: string; note: string } }) {
  return applyTransition(args, "transfer", { check: may, who: "the assigned agency or the desk" }, async (row, _v, t) => {
    if (input.agency_id === row.agencyId) {
      throw new AppError("validation_failed", "The request is already with that agency.", {
        extensions: { errors: [{ pointer: "/body/agency_id", detail: "must be another agency" }] },
      });
    }
    await findAgency(args.deps, row.jurisdictionId, input.agency_id, "/body/agency_id");
    const service = await getService({ deps: args.deps, jurisdictionId: row.jurisdictionId, code: row.serviceCode });
    return {
      set: { agencyId: input.agency_id, firstResponseDueAt: t + service.firstResponseMinutes * 60_000, responseBreachedAt: null },
      note: input.note,
      visibility: "internal",
      data: { from_agency_id: row.agencyId, agency_id: input.agency_id },
    };
  });
}
