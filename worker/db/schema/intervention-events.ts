import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const interventionEventTypes = ["created", "assigned", "acknowledged", "note", "escalated", "resolved", "indicator_reported"] as const;

/** The intervention's timeline, append-only: who did what, when. */
export const interventionEvents = sqliteTable(
  "intervention_events",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull(),
    interventionId: text().notNull(),
    type: text({ enum: interventionEventTypes }).notNull(),
    actor: text().notNull(),
    note: text(),
    data: text({ mode: "json" }).$type<Record<string, unknown>>(),
    at: integer().notNull(),
  },
  (t) => [index("intervention_events_of").on(t.interventionId, t.at)],
);
