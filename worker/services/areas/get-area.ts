import { and, eq, inArray } from "drizzle-orm";
import { areas } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { assertPlacesReader } from "../places/access.ts";
import { pathIds } from "../places/area-scope.ts";

type AreaRow = typeof areas.$inferSelect;

/** The ancestors of a path (root first, the area itself last), in one query. */
export async function areaChain(deps: Deps, jurisdictionId: string, path: string) {
  const ids = pathIds(path);
  const rows = await deps.db
    .select({ id: areas.id, level: areas.level, name: areas.name })
    .from(areas)
    .where(and(eq(areas.jurisdictionId, jurisdictionId), inArray(areas.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function findArea(deps: Deps, jurisdictionId: string, id: string): Promise<AreaRow> {
  const [row] = await deps.db.select().from(areas).where(and(eq(areas.id, id), eq(areas.jurisdictionId, jurisdictionId)));
  if (!row) throw new AppError("not_found", "No such area.");
  return row;
}

export async function getArea({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  assertPlacesReader(caller);
  const row = await findArea(deps, caller.jurisdictionId, id);
  return { row, chain: await areaChain(deps, caller.jurisdictionId, row.path) };
}
