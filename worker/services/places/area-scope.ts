import { and, eq, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { areas } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";

/** The stored path (`/root/…/id/`) of an area in this jurisdiction, or 404. */
export async function areaPath(deps: Deps, jurisdictionId: string, areaId: string): Promise<string> {
  const [row] = await deps.db
    .select({ path: areas.path })
    .from(areas)
    .where(and(eq(areas.id, areaId), eq(areas.jurisdictionId, jurisdictionId)));
  if (!row) throw new AppError("not_found", "No such area in this jurisdiction.");
  return row.path;
}

/**
 * "In this area or anywhere under it", for a table that stores its area's path (denormalised at
 * write time). Written as a range, `path <= x < path || '~'`, because SQLite will not use an index
 * for LIKE on a case-sensitive column: the range is one index seek at any depth. Paths are ids
 * (lower-case letters, digits, `_`) and `/`, all of which sort below `~`.
 */
export const withinPath = (pathColumn: SQLiteColumn, path: string): SQL =>
  and(gte(pathColumn, path), lt(pathColumn, `${path}~`))!;

/** Within any of several areas (a staff member's areas): one OR of prefix scans. */
export async function withinAnyArea(deps: Deps, jurisdictionId: string, areaIds: readonly string[], pathColumn: SQLiteColumn) {
  if (areaIds.length === 0) return undefined;
  const rows = await deps.db
    .select({ path: areas.path })
    .from(areas)
    .where(and(eq(areas.jurisdictionId, jurisdictionId), inArray(areas.id, [...areaIds])));
  return or(...rows.map((r) => withinPath(pathColumn, r.path)));
}

/** Every ancestor id of a path, root first, including the area itself. */
export const pathIds = (path: string): string[] => path.split("/").filter(Boolean);
