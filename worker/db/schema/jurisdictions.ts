import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** A county-level deployment: the tenant. Nothing is ever read or written across two of these. */
export const jurisdictions = sqliteTable("jurisdictions", {
  id: text().primaryKey(),
  /** Public slug, e.g. `jinsha-liutang`; Open311's `jurisdiction_id`. */
  code: text().notNull().unique(),
  name: text().notNull(),
  /** IANA zone for leaderboard periods and figures. */
  timezone: text().notNull().default("Asia/Shanghai"),
  createdAt: integer().notNull(),
});
