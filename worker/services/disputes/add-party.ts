import { disputeParties } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { loadDispute } from "./load-dispute.ts";

export async function addDisputeParty({ deps, caller, id, input }: { deps: Deps; caller: Principal; id: string; input: { name: string; phone?: string; role: "applicant" | "respondent" | "other" } }) {
  const { dispute } = await loadDispute(deps, caller, id, "requests:write");
  const row = { id: newId("disputeParty"), jurisdictionId: dispute.jurisdictionId, disputeId: dispute.id, name: input.name, phone: input.phone ?? null, role: input.role, createdAt: deps.now() };
  await deps.db.insert(disputeParties).values(row);
  return row;
}
