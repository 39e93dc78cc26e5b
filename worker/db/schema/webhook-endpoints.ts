import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

/**
 * Where an agency's (or the whole jurisdiction's) systems want events. The signing secret is
 * kept sealed (AES-GCM under a key derived from TOKEN_SECRET) and shown once, at creation or rotation.
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    /** null: every event of the jurisdiction; otherwise only events concerning this agency. */
    agencyId: text(),
    url: text().notNull(),
    description: text(),
    /** Event types (`request.dispatched`, `request.*`); empty = all. */
    eventTypes: text({ mode: "json" }).$type<string[]>().notNull(),
    secretSealed: text().notNull(),
    /** After a rotation, the old secret (sealed) also signs deliveries until `previousSecretExpiresAt`. */
    previousSecretSealed: text(),
    previousSecretExpiresAt: integer(),
    status: text({ enum: ["active", "disabled"] }).notNull(),
    disabledReason: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [index("webhook_endpoints_jurisdiction").on(t.jurisdictionId, t.status, t.createdAt)],
);
