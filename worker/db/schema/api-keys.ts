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
    /**
     * The first key of this key's rotation chain: its own id when created, the predecessor's
     * lineage when rotated. What outlives a rotation is tied to it (app_user subjects, the
     * Idempotency-Key scope, the per-key rate limit), so rotating a key changes its secret, not
     * who it is. NULL only on rows written before migration 0013 by code that did not set it;
     * readers treat NULL as the row's own id (services/auth/key-lookup.ts `lineageOf`).
     */
    lineageId: text(),
    createdAt: integer().notNull(),
  },
  (t) => [
    index("api_keys_jurisdiction").on(t.jurisdictionId, t.createdAt),
    // Finds a key's successor: a key in its grace period is not rotated a second time (rotate-key.ts).
    index("api_keys_rotated_from").on(t.rotatedFrom),
  ],
);
