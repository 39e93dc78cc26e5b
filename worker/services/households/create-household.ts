import { households } from "../../db/schema/index.ts";
import { isUniqueViolation } from "../../db/unique.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { requireAreaRef } from "../places/refs.ts";
import { newDoorplateCode } from "./present-household.ts";

export interface CreateHouseholdInput {
  address: string;
  grid_id: string;
  lat?: number | null;
  lng?: number | null;
  external_ref?: string | null;
}

export const refTaken = () => new AppError("conflict", "Another household in this jurisdiction has this external_ref.");

export async function createHousehold({ deps, caller, input }: { deps: Deps; caller: Principal; input: CreateHouseholdInput }) {
  assertAdmin(caller);
  const grid = await requireAreaRef(deps, caller.jurisdictionId, input.grid_id, "/body/grid_id", "grid");
  const row = {
    id: newId("household"),
    jurisdictionId: caller.jurisdictionId,
    areaId: grid.id,
    areaPath: grid.path,
    address: input.address,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    doorplateCode: newDoorplateCode(),
    externalRef: input.external_ref ?? null,
    createdAt: deps.now(),
  };
  try {
    await deps.db.insert(households).values(row);
  } catch (err) {
    if (isUniqueViolation(err, "households.external_ref")) throw refTaken();
    throw err;
  }
  return row;
}
