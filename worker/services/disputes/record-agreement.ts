import { and, eq, inArray } from "drizzle-orm";
import { disputeParties } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { changeDispute, checkDisputeIfMatch } from "./change-dispute.ts";
import { loadDispute } from "./load-dispute.ts";

/**
 * 调解协议书: the signed agreement ends mediation as `mediated`. The request itself is resolved
 * through its own lifecycle (which schedules the follow-up visits).
 */
export async function recordMediationAgreement({
  deps,
  caller,
  id,
  ifMatch,
  input,
}: {
  deps: Deps;
  caller: Principal;
  id: string;
  ifMatch?: string;
  input: { text: string; signed_at: string; party_ids: string[] };
}) {
  const { dispute, request } = await loadDispute(deps, caller, id, "requests:write");
  checkDisputeIfMatch(ifMatch, dispute.version);
  if (dispute.outcome) throw new AppError("invalid_transition", "Mediation is already finished.", { extensions: { status_now: dispute.outcome, allowed: [] } });
  const parties = await deps.db
    .select({ id: disputeParties.id })
    .from(disputeParties)
    .where(and(eq(disputeParties.jurisdictionId, dispute.jurisdictionId), eq(disputeParties.disputeId, dispute.id), inArray(disputeParties.id, input.party_ids)));
  if (parties.length !== new Set(input.party_ids).size) {
    throw new AppError("validation_failed", "Every signatory must be a party of this dispute.", { extensions: { errors: [{ pointer: "/body/party_ids", detail: "unknown party" }] } });
  }
  const signedAt = Date.parse(input.signed_at);
  return changeDispute(
    deps,
    caller,
    dispute,
    request,
    { outcome: "mediated", agreementText: input.text, agreementSignedAt: signedAt, agreementPartyIds: input.party_ids, mediatedAt: deps.now() },
    { type: "dispute.agreement", visibility: "public", note: "调解协议已签订", data: { dispute_id: dispute.id, level: dispute.level } },
  );
}
