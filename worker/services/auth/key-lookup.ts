import { eq } from "drizzle-orm";
import { apiKeys } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { perInstance } from "../../lib/per-instance.ts";

type KeyRow = typeof apiKeys.$inferSelect;

/**
 * Key rows cached per process for a short time, so an authenticated request that touches no
 * table costs no query. A revocation made through this process drops the entry at once; other
 * processes (Worker isolates) see it within CACHE_MS. Documented in the README.
 */
const CACHE_MS = 30_000;
const LAST_USED_EVERY_MS = 60_000;
type Cache = Map<string, { row: KeyRow | null; at: number }>;
// One cache per app instance (per database), so two apps in one process never share entries.
const cacheOf = perInstance<Deps, Cache>(() => new Map());

/** Called after a revocation or rotation so this process stops honouring the key at once. */
export const forgetKeyId = (deps: Deps, id: string) => {
  const cache = cacheOf(deps);
  for (const [k, v] of cache) if (v.row?.id === id) cache.delete(k);
};

async function cachedLookup(deps: Deps, column: "hash" | "id", value: string): Promise<KeyRow | null> {
  const cache = cacheOf(deps);
  const cacheKey = `${column}:${value}`;
  const t = deps.now();
  const hit = cache.get(cacheKey);
  if (hit && t - hit.at < CACHE_MS) return hit.row;
  const [row] = await deps.db.select().from(apiKeys).where(eq(apiKeys[column], value));
  if (cache.size > 10_000) cache.clear();
  cache.set(cacheKey, { row: row ?? null, at: t });
  return row ?? null;
}

function usable(row: KeyRow | null, t: number): row is KeyRow {
  return !!row && row.revokedAt === null && (row.expiresAt === null || row.expiresAt > t);
}

/** The live key for a presented secret, or null (unknown, revoked, expired all look the same). */
export async function findKeyBySecret(deps: Deps, secret: string): Promise<KeyRow | null> {
  const hash = await sha256Hex(secret);
  const row = await cachedLookup(deps, "hash", hash);
  const t = deps.now();
  if (!usable(row, t)) return null;
  if (row.lastUsedAt === null || t - row.lastUsedAt > LAST_USED_EVERY_MS) {
    row.lastUsedAt = t;
    await deps.db.update(apiKeys).set({ lastUsedAt: t }).where(eq(apiKeys.id, row.id));
  }
  return row;
}

/** The key an end-user token was issued through: a revoked key takes its tokens with it. */
export async function findLiveKeyById(deps: Deps, id: string): Promise<KeyRow | null> {
  const row = await cachedLookup(deps, "id", id);
  return usable(row, deps.now()) ? row : null;
}
