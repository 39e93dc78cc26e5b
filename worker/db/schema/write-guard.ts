import { sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Never holds a row. A batch that must only go on if its previous conditional UPDATE matched
 * inserts `NULL` here `WHERE changes() = 0`: the NOT NULL failure aborts and rolls back the
 * whole batch, so a lost race becomes a clean conflict instead of a half-written change.
 * See worker/db/guard.ts.
 */
export const writeGuard = sqliteTable("write_guard", {
  reason: text().notNull(),
});
