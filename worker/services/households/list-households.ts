import { and, asc, eq, gt } from "drizzle-orm";
import { households } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { isAdmin } from "../../lib/authz.ts";
import { decodeCursor, toPage } from "../../lib/pagination.ts";
import { AppError } from "../../lib/problem.ts";
import { householdScope } from "../places/access.ts";
import { areaPath, withinPath } from "../places/area-scope.ts";
import { presentHouseholdView } from "./present-household.ts";

/** Households in an area (any level, descendants included), or with a given external reference; codes for admins only. */
export async function listHouseholds({
  deps,
  caller,
  query,
  publicBase,
}: {
  deps: Deps;
  caller: Principal;
  query: { limit: number; cursor?: string; area_id?: string; external_ref?: string };
  publicBase: string;
}) {
  const scope = await householdScope(deps, caller, households.areaPath);
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : null;
  const within = query.area_id ? await areaPath(deps, caller.jurisdictionId, query.area_id) : null;
  const rows = await deps.db
    .select()
    .from(households)
    .where(
      and(
        eq(households.jurisdictionId, caller.jurisdictionId),
        scope,
        within ? withinPath(households.areaPath, within) : undefined,
        query.external_ref ? eq(households.externalRef, query.external_ref) : undefined,
        after ? gt(households.id, after) : undefined,
      ),
    )
    .orderBy(asc(households.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.id], (r) => presentHouseholdView(r, publicBase, isAdmin(caller)));
}

/** One household the caller may see; outside their areas (or tenant) it does not exist. */
export async function findHousehold(deps: Deps, caller: Principal, id: string) {
  const scope = await householdScope(deps, caller, households.areaPath);
  const [row] = await deps.db
    .select()
    .from(households)
    .where(and(eq(households.id, id), eq(households.jurisdictionId, caller.jurisdictionId), scope));
  if (!row) throw new AppError("not_found", "No such household.");
  return row;
}
