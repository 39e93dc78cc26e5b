import { sql, type SQL } from "drizzle-orm";

/**
 * The id at depth `level` (1 = county, 2 = town, 3 = community, 4 = grid) of a stored area path
 * `/county/town/community/grid/`, as an SQL expression over the `column`, for generated columns.
 * An area filter then becomes an equality on an indexed column, which SQLite can walk in time
 * order; a range over paths cannot (every row of a town would be read and sorted).
 */
export function pathLevelSql(column: string, level: number): string {
  // Drop the leading "/", then `level - 1` leading segments, then keep up to the next "/".
  let rest = `substr(${column}, 2)`;
  for (let i = 1; i < level; i++) rest = `substr(${rest}, instr(${rest}, '/') + 1)`;
  return `nullif(substr(${rest}, 1, instr(${rest}, '/') - 1), '')`;
}

export const pathLevel = (column: string, level: number): SQL => sql.raw(pathLevelSql(column, level));

export const levelOf = { county: 1, town: 2, community: 3, grid: 4 } as const;

/** The same ancestors computed in JS, for a row built in memory before it is written. */
export function pathLevelIds(path: string | null) {
  const ids = (path ?? "").split("/").filter(Boolean);
  return { areaTown: ids[1] ?? null, areaCommunity: ids[2] ?? null, areaGrid: ids[3] ?? null };
}
