import { and, eq, gt, gte, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { decodeCursor, type CursorValue } from "../lib/pagination.ts";

/**
 * "After this row" for a multi-column sort, written so SQLite can seek the index instead of
 * scanning from the first row (a deep page must cost what the first page costs):
 * - all columns sorted the same way: a row-value comparison, `(a, b) < (?, ?)`;
 * - mixed directions: a bound on the first column (a range the index can seek) AND the exact
 *   (a > x) OR (a = x AND b > y) … condition.
 * Every column must be non-null in the rows the query can return.
 */
type SortColumn = { col: SQLiteColumn; desc?: boolean };

export function afterKey(cols: SortColumn[], values: readonly CursorValue[]): SQL | undefined {
  const first = cols[0]!;
  if (cols.every((c) => !!c.desc === !!first.desc)) {
    const lhs = sql.join(cols.map((c) => sql`${c.col}`), sql`, `);
    const rhs = sql.join(values.map((v) => sql`${v}`), sql`, `);
    return first.desc ? sql`(${lhs}) < (${rhs})` : sql`(${lhs}) > (${rhs})`;
  }
  const parts: SQL[] = [];
  for (let i = 0; i < cols.length; i++) {
    const eqs = cols.slice(0, i).map((c, k) => eq(c.col, values[k]!));
    const { col, desc } = cols[i]!;
    parts.push(and(...eqs, desc ? lt(col, values[i]!) : gt(col, values[i]!))!);
  }
  return and(first.desc ? lte(first.col, values[0]!) : gte(first.col, values[0]!), or(...parts));
}

/** The same for a list's `cursor` query value: no condition on the first page; a cursor of another sort is a 400. */
export const afterCursor = (cursor: string | undefined, cols: SortColumn[]): SQL | undefined =>
  cursor === undefined ? undefined : afterKey(cols, decodeCursor(cursor, cols.length));
