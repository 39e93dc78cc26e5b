import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Append-only: keys created, rotated or revoked, role changes, and every reveal of unmasked
 * personal data. Nothing updates or deletes these rows.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull(),
    /** `key:<id>` or `user:<id>`. */
    actor: text().notNull(),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    detail: text({ mode: "json" }).$type<Record<string, unknown>>(),
    requestId: text(),
    at: integer().notNull(),
  },
  (t) => [
    index("audit_log_jurisdiction_at").on(t.jurisdictionId, t.at),
    index("audit_log_subject").on(t.jurisdictionId, t.subjectType, t.subjectId, t.at),
    index("audit_log_action").on(t.jurisdictionId, t.action, t.at),
  ],
);
