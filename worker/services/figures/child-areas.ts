import { and, eq, sql, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";

/**
 * The child of `parentPath` that `column` (a materialised path) lies in: the id after the
 * prefix. Rows at the parent itself give ''. One expression, so each figure is one GROUP BY.
 */
export const childOf = (column: string, parentPath: string): SQL =>
  sql.raw(`substr(${column}, ${parentPath.length + 1}, instr(substr(${column}, ${parentPath.length + 1}), '/') - 1)`);

/** The areas figures break down into: the children of `parentId`, or the top-level areas. */
export function childAreas(deps: Deps, jurisdictionId: string, parentId: string | null) {
  return deps.db
    .select({ id: areas.id, name: areas.name, level: areas.level, path: areas.path })
    .from(areas)
    .where(and(eq(areas.jurisdictionId, jurisdictionId), parentId ? eq(areas.parentId, parentId) : sql`${areas.parentId} IS NULL`))
    .orderBy(areas.name, areas.id);
}
