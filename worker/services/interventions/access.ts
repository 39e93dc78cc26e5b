import { and, eq, or, type SQL } from "drizzle-orm";
import { interventions } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertRole, assertScope, hasScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf } from "../audit/record-audit.ts";
import { withinAnyArea } from "../places/area-scope.ts";

/** Staff who work cases; keys (a bank's or the hotline's integration) act for themselves. */
export function assertInterventionStaff(caller: Principal, scope: "interventions:read" | "interventions:write") {
  // Whoever may raise a case may read back what they can see of it.
  if (!(scope === "interventions:read" && hasScope(caller, "interventions:write"))) assertScope(caller, scope);
  assertRole(caller, "officer", "dispatcher", "grid_worker", "admin");
}

/**
 * What a caller may see: the desk and admins everything in the jurisdiction; officers and grid
 * workers their areas, whatever is assigned to them and whatever they raised (a relative may call
 * an officer about a victim in another area: the case goes to that area's officer, and the one who
 * raised it follows it); a key without a user what it raised.
 */
export async function visibleTo(deps: Deps, caller: Principal): Promise<SQL | undefined> {
  const jur = eq(interventions.jurisdictionId, caller.jurisdictionId);
  if (!caller.user) return caller.scopes.includes("admin") ? jur : and(jur, eq(interventions.createdBy, actorOf(caller)));
  if (caller.user.role === "dispatcher" || caller.user.role === "admin") return jur;
  const areas = await withinAnyArea(deps, caller.jurisdictionId, caller.user.areaIds, interventions.areaPath);
  return and(jur, or(eq(interventions.assignedOfficerId, caller.user.id), eq(interventions.createdBy, actorOf(caller)), areas));
}

export async function findVisible(deps: Deps, caller: Principal, id: string) {
  const [row] = await deps.db
    .select()
    .from(interventions)
    .where(and(eq(interventions.id, id), await visibleTo(deps, caller)));
  if (!row) throw new AppError("not_found", "No such intervention.");
  return row;
}
