import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { areas } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { assertPlacesReader } from "../places/access.ts";
import { areaPath, withinPath } from "../places/area-scope.ts";
import type { AreaLevel } from "./create-area.ts";
import { presentArea } from "./present-area.ts";

export interface ListAreasQuery {
  limit: number;
  cursor?: string;
  parent_id?: string;
  level?: AreaLevel;
  within?: string;
}

/** By parent (one level of the tree; `parent_id=root` for the county), by level, or anywhere under an area. */
export async function listAreas({ deps, caller, query }: { deps: Deps; caller: Principal; query: ListAreasQuery }) {
  assertPlacesReader(caller);
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : null;
  const within = query.within ? await areaPath(deps, caller.jurisdictionId, query.within) : null;
  const rows = await deps.db
    .select()
    .from(areas)
    .where(
      and(
        eq(areas.jurisdictionId, caller.jurisdictionId),
        query.parent_id === "root" ? isNull(areas.parentId) : query.parent_id ? eq(areas.parentId, query.parent_id) : undefined,
        query.level ? eq(areas.level, query.level) : undefined,
        within ? withinPath(areas.path, within) : undefined,
        after ? gt(areas.id, after) : undefined,
      ),
    )
    .orderBy(asc(areas.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.id], presentArea);
}
