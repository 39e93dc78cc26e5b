import { and, eq, gt, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { CursorValue } from "../../lib/pagination.ts";

/**
 * "After this row" for a multi-column sort: (a > x) OR (a = x AND b > y) … with each column's own
 * direction. Every column must be non-null in the rows the query can return.
 */
export function afterKey(cols: { col: SQLiteColumn; desc?: boolean }[], values: readonly CursorValue[]): SQL | undefined {
  const parts: SQL[] = [];
  for (let i = 0; i < cols.length; i++) {
    const eqs = cols.slice(0, i).map((c, k) => eq(c.col, values[k]!));
    const { col, desc } = cols[i]!;
    parts.push(and(...eqs, desc ? lt(col, values[i]!) : gt(col, values[i]!))!);
  }
  return or(...parts);
}
