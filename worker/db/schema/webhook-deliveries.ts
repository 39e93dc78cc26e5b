import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * One outbox message to one endpoint, with its attempts. `messageId` is the outbox id and the
 * `webhook-id` header: the same on every retry, so receivers can drop duplicates.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull(),
    endpointId: text().notNull(),
    messageId: text().notNull(),
    eventType: text().notNull(),
    status: text({ enum: ["pending", "delivering", "succeeded", "failed"] }).notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer().notNull(),
    /** While `delivering`: when another run may take it over (the sender died). */
    leaseUntil: integer(),
    lastAttemptAt: integer(),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: integer(),
    createdAt: integer().notNull(),
  },
  (t) => [
    index("webhook_deliveries_due").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint").on(t.jurisdictionId, t.endpointId, t.createdAt, t.id),
  ],
);
