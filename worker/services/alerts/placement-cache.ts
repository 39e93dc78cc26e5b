import type { Deps } from "../../deps.ts";
import { perInstance } from "../../lib/per-instance.ts";

const TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;

/**
 * Where readers are rarely changes (an area moved, a household re-gridded), yet every inbox read
 * needs it: a small per-app cache saves one query per read (a round trip on Workers). Entries live
 * a minute, so a move shows within that; the map is bounded and simply cleared when full.
 */
export class PlacementCache<V> {
  private entries = new Map<string, { value: V; at: number }>();
  constructor(private now: () => number) {}

  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < TTL_MS) return hit.value;
    const value = await load();
    if (value === undefined) return undefined; // misses are not cached: a new doorplate works at once
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, at: t });
    return value;
  }
}

const byDeps = perInstance<Deps, Map<string, PlacementCache<unknown>>>(() => new Map());

/** One cache per app instance (per `deps`) and purpose, so tests with fresh databases never share. */
export function placementCache<V>(deps: Deps, name: string): PlacementCache<V> {
  const byName = byDeps(deps);
  let cache = byName.get(name);
  if (!cache) byName.set(name, (cache = new PlacementCache<unknown>(deps.now)));
  return cache as PlacementCache<V>;
}
