import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Domain events waiting to be delivered to webhooks. A service writes its event here in the same
 * batch as the change it describes (transactional outbox), so an event is sent if and only if
 * the change happened. The scheduled job fans each event out to matching endpoints.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull(),
    /** Dotted event type, e.g. `request.dispatched`, `task.urgent`, `intervention.created`. */
    type: text().notNull(),
    /** The agency the event concerns, so endpoints can subscribe to their own; null = jurisdiction-wide. */
    agencyId: text(),
    payload: text({ mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer().notNull(),
    /** Set once the event has been fanned out into deliveries. */
    dispatchedAt: integer(),
  },
  (t) => [index("outbox_pending").on(t.dispatchedAt, t.createdAt)],
);
