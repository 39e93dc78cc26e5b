import { mediationLevels } from "../../db/schema/disputes.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { changeDispute, checkDisputeIfMatch } from "./change-dispute.ts";
import { loadDispute } from "./load-dispute.ts";

/**
 * 三级联调: what the grid cannot settle goes to the town/station, then to the county. The county
 * is the last level (矛盾不上交), so escalating from there is refused.
 */
export async function escalateDispute({ deps, caller, id, ifMatch, input }: { deps: Deps; caller: Principal; id: string; ifMatch?: string; input: { reason: string } }) {
  const { dispute, request } = await loadDispute(deps, caller, id, "requests:write");
  checkDisputeIfMatch(ifMatch, dispute.version);
  const next = mediationLevels[mediationLevels.indexOf(dispute.level) + 1];
  if (!next) throw new AppError("invalid_transition", "Mediation is already at county level.", { extensions: { status_now: dispute.level, allowed: [] } });
  if (dispute.outcome) throw new AppError("invalid_transition", "Mediation is finished.", { extensions: { status_now: dispute.outcome, allowed: [] } });
  return changeDispute(deps, caller, dispute, request, { level: next }, {
    type: "dispute.escalated",
    note: input.reason,
    data: { dispute_id: dispute.id, from: dispute.level, to: next },
  });
}
