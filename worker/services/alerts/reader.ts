import { and, eq } from "drizzle-orm";
import { areas, households } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { placementCache } from "./placement-cache.ts";
import { coveringPaths } from "./targets.ts";

/**
 * Who is reading, and where they are. Receipts are keyed by `reader`, which always comes from
 * the credential (or the doorplate), never from the request body: nobody can mark for another.
 *
 * Placement:
 * - a household (by doorplate code): its grid;
 * - a resident (end-user token): the areas the token carries (their grid membership), plus an
 *   `area_id` the app names (e.g. the grid of a doorplate the resident scanned). The named area
 *   widens what they see, but their receipts count where the token places them: anyone can name
 *   any area, so a named one is where a read is counted only for a resident placed nowhere else;
 * - a kiosk (kiosk key): the `area_id` it names (its service hall's area).
 * Without any area a reader sees jurisdiction-wide alerts only.
 */
export interface Reader {
  jurisdictionId: string;
  reader: string;
  kind: "resident" | "kiosk" | "household";
  /** Where receipts are counted: the first placement area. */
  areaId: string | null;
  areaPath: string;
  /** Every target path that covers this reader. */
  covering: string[];
}

/** Area paths by id (cached a minute; see placement-cache.ts). Unknown or foreign ids are left out. */
async function areaPaths(deps: Deps, jurisdictionId: string, areaIds: readonly string[]) {
  const cache = placementCache<string>(deps, "area-path");
  const out: { id: string; path: string }[] = [];
  for (const id of new Set(areaIds)) {
    const path = await cache.get(`${jurisdictionId}:${id}`, async () => {
      const [row] = await deps.db.select({ path: areas.path }).from(areas).where(and(eq(areas.id, id), eq(areas.jurisdictionId, jurisdictionId)));
      return row?.path;
    });
    if (path !== undefined) out.push({ id, path });
  }
  return out;
}

/** `countedAt`: the areas a receipt may be counted at (all of them unless told). */
async function placed(
  deps: Deps,
  jurisdictionId: string,
  areaIds: string[],
  base: Omit<Reader, "areaId" | "areaPath" | "covering">,
  countedAt: readonly string[] = areaIds,
): Promise<Reader> {
  const rows = await areaPaths(deps, jurisdictionId, areaIds);
  const countable = rows.filter((r) => countedAt.includes(r.id));
  // Deepest first, so receipts land on the most specific area (a grid rather than its town).
  const first = (countable.length ? countable : rows).sort((a, b) => b.path.length - a.path.length)[0];
  return { ...base, areaId: first?.id ?? null, areaPath: first?.path ?? "/", covering: coveringPaths(rows.map((r) => r.path)) };
}

export async function readerFor(deps: Deps, caller: Principal, areaId: string | undefined): Promise<Reader> {
  assertScope(caller, "alerts:read");
  const named = areaId ? [areaId] : [];
  if (areaId && (await areaPaths(deps, caller.jurisdictionId, named)).length === 0) throw new AppError("not_found", "No such area in this jurisdiction.");
  if (caller.user) {
    const own = caller.user.areaIds;
    return placed(deps, caller.jurisdictionId, [...named, ...own], { jurisdictionId: caller.jurisdictionId, reader: caller.user.id, kind: "resident" }, own);
  }
  if (caller.keyKind === "kiosk") return placed(deps, caller.jurisdictionId, named, { jurisdictionId: caller.jurisdictionId, reader: caller.keyId, kind: "kiosk" });
  throw new AppError("forbidden", "An inbox belongs to a resident (send their token), a kiosk (its key) or a household (its doorplate).");
}

/** The doorplate code is the household's credential: it is printed at the door, and unguessable. */
export async function householdReader(deps: Deps, caller: Principal | undefined, code: string): Promise<Reader> {
  const row = await placementCache<{ id: string; jurisdictionId: string; areaId: string; path: string }>(deps, "doorplate").get(code, async () => {
    const [r] = await deps.db
      .select({ id: households.id, jurisdictionId: households.jurisdictionId, areaId: households.areaId, path: areas.path })
      .from(households)
      .innerJoin(areas, eq(areas.id, households.areaId))
      .where(eq(households.doorplateCode, code));
    return r;
  });
  if (!row || (caller && caller.jurisdictionId !== row.jurisdictionId)) throw new AppError("not_found", "No such doorplate.");
  return { jurisdictionId: row.jurisdictionId, reader: row.id, kind: "household", areaId: row.areaId, areaPath: row.path, covering: coveringPaths([row.path]) };
}
