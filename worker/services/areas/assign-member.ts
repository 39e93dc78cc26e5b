import { and, eq, sql } from "drizzle-orm";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";
import { auditLog, users } from "../../db/schema/index.ts";
import type { userAreas } from "../../db/schema/index.ts";
import type { Deps, Principal, Role } from "../../deps.ts";
import { assertAdmin, staffRoles } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { fieldError } from "../places/refs.ts";
import { findArea } from "./get-area.ts";
import type { MemberRow } from "./present-member.ts";

export type Duty = (typeof userAreas.$inferSelect)["duty"];

/** Who may hold which duty, and where. A grid's leader and workers are 网格员; its officer a 社区民警. */
const dutyRules: Record<Duty, { roles: readonly Role[]; gridOnly: boolean }> = {
  grid_leader: { roles: ["grid_worker"], gridOnly: true },
  grid_worker: { roles: ["grid_worker"], gridOnly: true },
  officer: { roles: ["officer"], gridOnly: false },
  staff: { roles: staffRoles, gridOnly: false },
  member: { roles: ["resident", "volunteer", ...staffRoles], gridOnly: false },
};

/** Why `role` may not hold `duty` in an area of `level`, or null when it may. */
export function dutyProblem(role: Role, level: string, duty: Duty): string | null {
  const rule = dutyRules[duty];
  if (!rule.roles.includes(role)) return `this duty needs a user with one of the roles: ${rule.roles.join(", ")}`;
  if (rule.gridOnly && level !== "grid") return "this duty exists only on grids";
  return null;
}

export const dutyAllowed = (role: Role, duty: Duty) => dutyRules[duty].roles.includes(role);

/**
 * The roster insert (or duty change) for one user and area, for a batch: it writes nothing when
 * it would give a grid a second leader, so follow it with `requireChanged()`.
 */
export const memberUpsert = (userId: string, areaId: string, duty: Duty) =>
  sql`INSERT INTO user_areas (user_id, area_id, duty)
    SELECT ${userId}, ${areaId}, ${duty}
    WHERE ${duty} <> 'grid_leader' OR NOT EXISTS (
      SELECT 1 FROM user_areas WHERE area_id = ${areaId} AND duty = 'grid_leader' AND user_id <> ${userId})
    ON CONFLICT (user_id, area_id) DO UPDATE SET duty = excluded.duty`;

export const leaderTaken = () => new AppError("conflict", "This grid already has a leader; remove them or change their duty first.");

/**
 * Puts a user on an area's roster with a duty (or changes their duty there). A grid has at most
 * one leader (网格长); the database decides, so two admins naming two leaders at once cannot both
 * succeed. The user's token carries their areas, so the change applies from their next exchange.
 */
export async function assignMember({
  deps,
  caller,
  areaId,
  userId,
  duty,
  requestId,
}: { deps: Deps; caller: Principal; areaId: string; userId: string; duty: Duty; requestId?: string }): Promise<MemberRow> {
  assertAdmin(caller);
  const area = await findArea(deps, caller.jurisdictionId, areaId);
  const [user] = await deps.db.select().from(users).where(and(eq(users.id, userId), eq(users.jurisdictionId, caller.jurisdictionId)));
  if (!user) throw new AppError("not_found", "No such user.");
  const problem = dutyProblem(user.role, area.level, duty);
  if (problem) throw fieldError("/body/duty", problem);

  const t = deps.now();
  try {
    await deps.db.batch([
      deps.db.run(memberUpsert(userId, areaId, duty)),
      deps.db.run(requireChanged()),
      deps.db
        .insert(auditLog)
        .values(auditEntry(caller, t, { action: "area.member_assigned", subjectType: "user", subjectId: userId, detail: { area_id: areaId, duty }, requestId })),
    ]);
  } catch (err) {
    if (isGuardFailure(err)) throw leaderTaken();
    throw err;
  }
  return { userId, duty, role: user.role, displayName: user.displayName, phone: user.phone, agencyId: user.agencyId };
}
