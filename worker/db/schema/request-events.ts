import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The timeline of a request: every transition, comment, escalation and dispute step, with its
 * actor, time and note. Append-only. `visibility: internal` rows never reach the resident.
 */
export const requestEvents = sqliteTable(
  "request_events",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull(),
    requestId: text().notNull(),
    /** `submitted`, `dispatched` …, `commented`, `overdue`, `escalated`, `dispute.graded` … */
    type: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    /** `user:<id>`, `key:<id>` or `system`. */
    actor: text().notNull(),
    actorRole: text(),
    actorAgencyId: text(),
    note: text(),
    visibility: text({ enum: ["public", "internal"] }).notNull(),
    data: text({ mode: "json" }).$type<Record<string, unknown>>(),
    at: integer().notNull(),
  },
  (t) => [index("request_events_request").on(t.jurisdictionId, t.requestId, t.at, t.id)],
);
