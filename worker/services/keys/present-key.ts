import type { apiKeys } from "../../db/schema/index.ts";
import { iso, isoOrNull } from "../../lib/time.ts";
import type { Scope } from "../../lib/scopes.ts";

export function presentKey(row: typeof apiKeys.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    prefix: row.prefix,
    scopes: row.scopes as Scope[],
    expires_at: isoOrNull(row.expiresAt),
    revoked_at: isoOrNull(row.revokedAt),
    last_used_at: isoOrNull(row.lastUsedAt),
    rotated_from: row.rotatedFrom,
    created_at: iso(row.createdAt),
  };
}
