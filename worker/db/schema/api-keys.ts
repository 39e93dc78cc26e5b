import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const keyKinds = ["app", "kiosk", "public_account", "integration", "admin"] as const;

/**
 * Credentials of apps, kiosks, public accounts and integrations. Only the SHA-256 of a key is
 * kept; `prefix` is the visible start (`fq_ab12cd34`) that lets people tell keys apart.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    name: text().notNull(),
    kind: text({ enum: keyKinds }).notNull(),
    prefix: text().notNull(),
    hash: text().notNull().unique(),
    /** JSON array of scope names. */
    scopes: text({ mode: "json" }).$type<string[]>().notNull(),
    expiresAt: integer(),
    revokedAt: integer(),
    lastUsedAt: integer(),
    /** The key this one replaced by rotation. */
    rotatedFrom: text(),
    createdAt: integer().notNull(),
  },
  (t) => [index("api_keys_jurisdiction").on(t.jurisdictionId, t.createdAt)],
);
