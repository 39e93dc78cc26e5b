import { and, eq } from "drizzle-orm";
import { areas, serviceRequests as r } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { withinPath } from "../places/area-scope.ts";

const byLevel = { town: r.areaTown, community: r.areaCommunity, grid: r.areaGrid } as const;

/**
 * "Requests in this area or under it". Below the county it is an equality on the ancestor column
 * of that level (generated from the stored path, indexed with the creation time), so a page of a
 * busy town is an index walk in time order however many requests it holds. The county holds every
 * placed request of the jurisdiction: a path range is as good there.
 */
export async function areaCondition(deps: Deps, jurisdictionId: string, areaId: string) {
  const [area] = await deps.db
    .select({ level: areas.level, path: areas.path })
    .from(areas)
    .where(and(eq(areas.id, areaId), eq(areas.jurisdictionId, jurisdictionId)));
  if (!area) throw new AppError("not_found", "No such area in this jurisdiction.");
  return area.level === "county" ? withinPath(r.areaPath, area.path) : eq(byLevel[area.level], areaId);
}
