import { and, eq } from "drizzle-orm";
import { requireChanged } from "../../db/guard.ts";
import { households } from "../../db/schema/index.ts";
import { isUniqueViolation } from "../../db/unique.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { requireAreaRef } from "../places/refs.ts";
import { refTaken, type CreateHouseholdInput } from "./create-household.ts";
import { findHousehold } from "./list-households.ts";

/** Moving a household to another grid re-copies that grid's path, so area filters follow at once. */
export async function updateHousehold({ deps, caller, id, input }: { deps: Deps; caller: Principal; id: string; input: Partial<CreateHouseholdInput> }) {
  assertAdmin(caller);
  await findHousehold(deps, caller, id);
  const set: Partial<typeof households.$inferInsert> = {};
  if (input.grid_id !== undefined) {
    const grid = await requireAreaRef(deps, caller.jurisdictionId, input.grid_id, "/body/grid_id", "grid");
    set.areaId = grid.id;
    set.areaPath = grid.path;
  }
  if (input.address !== undefined) set.address = input.address;
  if (input.lat !== undefined) set.lat = input.lat;
  if (input.lng !== undefined) set.lng = input.lng;
  if (input.external_ref !== undefined) set.externalRef = input.external_ref;
  try {
    await deps.db.batch([
      deps.db
        .update(households)
        .set(set)
        .where(and(eq(households.id, id), eq(households.jurisdictionId, caller.jurisdictionId))),
      deps.db.run(requireChanged()),
    ]);
  } catch (err) {
    if (isUniqueViolation(err, "households.external_ref")) throw refTaken();
    throw err;
  }
  return findHousehold(deps, caller, id);
}
