import { and, eq, inArray } from "drizzle-orm";
import { areas } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { targetsRestrictedTo } from "./authority.ts";

export const ROOT_PATH = "/";

export interface TargetArea {
  id: string;
  name: string;
  code: string | null;
  path: string;
  level: string;
}

/**
 * The targeted areas' paths (or "/" for the whole jurisdiction), checked against what the
 * caller answers for: an officer may only alert the areas they serve and what lies under them.
 */
export async function resolveTargets(
  deps: Deps,
  caller: Principal,
  target: { areaIds: readonly string[]; wholeJurisdiction: boolean },
  pointer = "/body/area_ids",
): Promise<{ paths: string[]; areas: TargetArea[] }> {
  const restricted = targetsRestrictedTo(caller);
  if (target.wholeJurisdiction) {
    if (restricted) throw new AppError("forbidden", "Only the duty desk or an admin may alert the whole jurisdiction.");
    return { paths: [ROOT_PATH], areas: [] };
  }
  const ids = [...new Set(target.areaIds)];
  const rows = await deps.db
    .select({ id: areas.id, name: areas.name, code: areas.code, path: areas.path, level: areas.level })
    .from(areas)
    .where(and(eq(areas.jurisdictionId, caller.jurisdictionId), inArray(areas.id, ids)));
  if (rows.length !== ids.length) {
    throw new AppError("validation_failed", "Some targeted areas do not exist in this jurisdiction.", {
      extensions: { errors: [{ pointer, detail: "unknown area" }] },
    });
  }
  if (restricted) {
    const own = await deps.db
      .select({ path: areas.path })
      .from(areas)
      .where(and(eq(areas.jurisdictionId, caller.jurisdictionId), inArray(areas.id, [...restricted])));
    const outside = rows.filter((r) => !own.some((o) => r.path.startsWith(o.path)));
    if (outside.length > 0) throw new AppError("forbidden", "An officer may only alert the areas they serve.");
  }
  // A target inside another target adds nobody: keep only the outermost.
  const outer = rows.filter((r) => !rows.some((o) => o !== r && r.path.startsWith(o.path) && o.path !== r.path));
  return { paths: outer.map((r) => r.path), areas: rows };
}

/** `/a/b/c/` → `/`, `/a/`, `/a/b/`, `/a/b/c/`: every target path that covers a reader there. */
export function coveringPaths(paths: readonly string[]): string[] {
  const out = new Set<string>([ROOT_PATH]);
  for (const p of paths) {
    const ids = p.split("/").filter(Boolean);
    for (let i = 1; i <= ids.length; i++) out.add(`/${ids.slice(0, i).join("/")}/`);
  }
  return [...out];
}
