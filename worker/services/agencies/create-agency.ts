import { agencies } from "../../db/schema/index.ts";
import type { agencyKinds } from "../../db/schema/agencies.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { newId } from "../../lib/ids.ts";
import { requireAreaRef } from "../places/refs.ts";

export interface CreateAgencyInput {
  name: string;
  kind: (typeof agencyKinds)[number];
  area_id?: string | null;
  phone?: string | null;
}

export async function createAgency({ deps, caller, input }: { deps: Deps; caller: Principal; input: CreateAgencyInput }) {
  assertAdmin(caller);
  if (input.area_id) await requireAreaRef(deps, caller.jurisdictionId, input.area_id, "/body/area_id");
  const row = {
    id: newId("agency"),
    jurisdictionId: caller.jurisdictionId,
    name: input.name,
    kind: input.kind,
    areaId: input.area_id ?? null,
    phone: input.phone ?? null,
    createdAt: deps.now(),
  };
  await deps.db.insert(agencies).values(row);
  return row;
}
