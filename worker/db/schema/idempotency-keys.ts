import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Stored outcomes of POSTs sent with an `Idempotency-Key`, so a retry replays the first answer
 * instead of doing the work twice. `scope` is the caller (key id or user id) so one client's
 * key can never collide with, or reveal, another's.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    scope: text().notNull(),
    key: text().notNull(),
    /** SHA-256 of method, path and body: a reused key with other content is refused (422). */
    fingerprint: text().notNull(),
    /** null while the first request is still running. */
    responseStatus: integer(),
    responseBody: text(),
    responseHeaders: text(),
    createdAt: integer().notNull(),
    expiresAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index("idempotency_keys_expires_at").on(t.expiresAt)],
);
