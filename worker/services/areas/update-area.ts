import { and, eq } from "drizzle-orm";
import { requireChanged } from "../../db/guard.ts";
import { areas } from "../../db/schema/index.ts";
import { isUniqueViolation } from "../../db/unique.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { codeTaken } from "./create-area.ts";
import { areaChain, findArea } from "./get-area.ts";

export interface UpdateAreaInput {
  name?: string;
  code?: string | null;
  lat?: number | null;
  lng?: number | null;
}

/**
 * Renames and recentres only. Moving an area to another parent would rewrite the path of every
 * descendant and of every row that copied it (households, requests, alerts), so it is not offered.
 */
export async function updateArea({ deps, caller, id, input }: { deps: Deps; caller: Principal; id: string; input: UpdateAreaInput }) {
  assertAdmin(caller);
  await findArea(deps, caller.jurisdictionId, id);
  const set: Partial<typeof areas.$inferInsert> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.code !== undefined) set.code = input.code;
  if (input.lat !== undefined) set.lat = input.lat;
  if (input.lng !== undefined) set.lng = input.lng;
  try {
    await deps.db.batch([
      deps.db
        .update(areas)
        .set(set)
        .where(and(eq(areas.id, id), eq(areas.jurisdictionId, caller.jurisdictionId))),
      deps.db.run(requireChanged()),
    ]);
  } catch (err) {
    if (isUniqueViolation(err, "areas.code")) throw codeTaken();
    throw err;
  }
  const row = await findArea(deps, caller.jurisdictionId, id);
  return { row, chain: await areaChain(deps, caller.jurisdictionId, row.path) };
}
