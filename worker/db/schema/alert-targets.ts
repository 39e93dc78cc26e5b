import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Stored instead of NULL for "never expires", so the inbox index can range-scan on expiry. */
export const NEVER = 8_640_000_000_000_000;

/**
 * Who a sent alert covers, as area paths: one row per targeted area ("/" for the whole
 * jurisdiction), never one per recipient. A reader at `/a/b/c/` is covered by targets at
 * `/`, `/a/`, `/a/b/` and `/a/b/c/`: the inbox asks for exactly those paths (≤ 5 index seeks).
 * `live` is 1 while this version is the chain's current published one.
 */
export const alertTargets = sqliteTable(
  "alert_targets",
  {
    alertId: text().notNull(),
    jurisdictionId: text().notNull(),
    targetPath: text().notNull(),
    live: integer().notNull(),
    effectiveAt: integer().notNull(),
    expiresAt: integer().notNull(),
    sentAt: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.alertId, t.targetPath] }),
    // Covering: the inbox reads effective_at, sent_at and alert_id from the index itself, never the table.
    index("alert_targets_inbox").on(t.jurisdictionId, t.targetPath, t.live, t.expiresAt, t.effectiveAt, t.sentAt, t.alertId),
  ],
);
