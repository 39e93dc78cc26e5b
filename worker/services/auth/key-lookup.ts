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
 *
 * Misses (a hash or id no key has) are kept apart from hits, in a small cache of their own: a
 * flood of made-up keys only ever pushes out other misses, never a real key's entry. Each cache
 * drops its oldest entries when full rather than emptying itself.
 */
const CACHE_MS = 30_000;
const LAST_USED_EVERY_MS = 60_000;
export const KEY_CACHE_ENTRIES = 10_000;
export const MISS_CACHE_ENTRIES = 1_000;
type Entry<T> = { value: T; at: number };
interface Caches {
  hits: Map<string, Entry<KeyRow>>;
  misses: Map<string, Entry<null>>;
}
// One cache per app instance (per database), so two apps in one process never share entries.
const cachesOf = perInstance<Deps, Caches>(() => ({ hits: new Map(), misses: new Map() }));

/** Inserts as the newest entry, dropping the oldest ones past `max` (Maps iterate in insertion order). */
function put<T>(cache: Map<string, Entry<T>>, key: string, entry: Entry<T>, max: number) {
  cache.delete(key);
  cache.set(key, entry);
  for (const oldest of cache.keys()) {
    if (cache.size <= max) break;
    cache.delete(oldest);
  }
}

/** Called after a revocation or rotation so this process stops honouring the key at once. */
export const forgetKeyId = (deps: Deps, id: string) => {
  const { hits } = cachesOf(deps);
  for (const [k, v] of hits) if (v.value.id === id) hits.delete(k);
};

/** The key's rotation lineage (schema/api-keys.ts): rows written without one are their own. */
export const lineageOf = (row: Pick<KeyRow, "id" | "lineageId">): string => row.lineageId ?? row.id;

async function cachedLookup(deps: Deps, column: "hash" | "id", value: string): Promise<KeyRow | null> {
  const { hits, misses } = cachesOf(deps);
  const cacheKey = `${column}:${value}`;
  const t = deps.now();
  const hit = hits.get(cacheKey) ?? misses.get(cacheKey);
  if (hit && t - hit.at < CACHE_MS) return hit.value;
  const [row] = await deps.db.select().from(apiKeys).where(eq(apiKeys[column], value));
  if (row) {
    misses.delete(cacheKey);
    put(hits, cacheKey, { value: row, at: t }, KEY_CACHE_ENTRIES);
  } else {
    hits.delete(cacheKey);
    put(misses, cacheKey, { value: null, at: t }, MISS_CACHE_ENTRIES);
  }
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
