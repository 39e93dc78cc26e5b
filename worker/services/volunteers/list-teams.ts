import { and, asc, eq, or } from "drizzle-orm";
import { volunteerTeams } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { areaPath, withinPath } from "../places/area-scope.ts";
import { presentTeam } from "./present-volunteer.ts";

/** Teams by name; with `area_id`, those serving that area or anywhere under it. */
export async function listTeams({ deps, caller, query }: { deps: Deps; caller: Principal; query: { limit: number; cursor?: string; area_id?: string } }) {
  assertScope(caller, "tasks:read");
  const path = query.area_id ? await areaPath(deps, caller.jurisdictionId, query.area_id) : null;
  const rows = await deps.db
    .select()
    .from(volunteerTeams)
    .where(
      and(
        eq(volunteerTeams.jurisdictionId, caller.jurisdictionId),
        path ? withinPath(volunteerTeams.areaPath, path) : undefined,
        afterCursor(query.cursor, [{ col: volunteerTeams.name }, { col: volunteerTeams.id }]),
      ),
    )
    .orderBy(asc(volunteerTeams.name), asc(volunteerTeams.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.name, r.id], presentTeam);
}
