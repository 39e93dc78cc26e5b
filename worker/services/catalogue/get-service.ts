import { and, eq } from "drizzle-orm";
import { services } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { perInstance } from "../../lib/per-instance.ts";
import { AppError } from "../../lib/problem.ts";

type ServiceRow = typeof services.$inferSelect;

/**
 * Every intake and dispatch reads its service, so rows are cached per app instance for a short
 * time. An edit through this process drops the entry at once; other processes (Worker isolates)
 * see it within CACHE_MS — edits apply to requests filed afterwards anyway.
 */
const CACHE_MS = 30_000;
const cacheOf = perInstance<Deps, Map<string, { row: ServiceRow; at: number }>>(() => new Map());

export const forgetService = (deps: Deps, jurisdictionId: string, code: string) => cacheOf(deps).delete(`${jurisdictionId}:${code}`);

/** A service of this jurisdiction by its code (retired ones too: old requests still name them). */
export async function getService({ deps, jurisdictionId, code, fresh = false }: { deps: Deps; jurisdictionId: string; code: string; fresh?: boolean }) {
  const cache = cacheOf(deps);
  const key = `${jurisdictionId}:${code}`;
  const hit = cache.get(key);
  const t = deps.now();
  if (!fresh && hit && Math.abs(t - hit.at) < CACHE_MS) return hit.row;
  const [row] = await deps.db.select().from(services).where(and(eq(services.jurisdictionId, jurisdictionId), eq(services.code, code)));
  if (!row) throw new AppError("not_found", "No such service.");
  if (cache.size > 5_000) cache.clear();
  cache.set(key, { row, at: t });
  return row;
}
