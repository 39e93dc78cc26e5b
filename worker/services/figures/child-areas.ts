import { and, eq, sql, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";

/**
 * The child of `parentPath` that `column` (a materialised path) lies in: the next segment after
 * the prefix, '' for rows at the parent itself. One expression, so each figure is one GROUP BY
 * over an index that leads with the path.
 */
export const childOf = (column: string, parentPath: string): SQL => {
  const rest = sql.raw(`substr(${column}, ${parentPath.length + 1})`);
  return sql`CASE WHEN instr(${rest}, '/') > 0 THEN substr(${rest}, 1, instr(${rest}, '/') - 1) ELSE '' END`;
};

/** The areas figures break down into: the children of `parentId`, or the top-level areas. */
export function childAreas(deps: Deps, jurisdictionId: string, parentId: string | null) {
  return deps.db
    .select({ id: areas.id, name: areas.name, level: areas.level, path: areas.path })
    .from(areas)
    .where(and(eq(areas.jurisdictionId, jurisdictionId), parentId ? eq(areas.parentId, parentId) : sql`${areas.parentId} IS NULL`))
    .orderBy(areas.name, areas.id);
}
