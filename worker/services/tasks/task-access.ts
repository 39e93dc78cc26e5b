import type { Principal, Role } from "../../deps.ts";
import { assertScope, isAdmin } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import type { Scope } from "../../lib/scopes.ts";
import { pathIds } from "../places/area-scope.ts";

/** Who may post, publish, cancel and complete tasks: the seeds' officers, plus the duty desk and admins. */
export const taskManagerRoles = ["officer", "dispatcher", "admin"] as const satisfies Role[];
/** Who may verify volunteers and confirm attendance: also grid workers (网格员), who know their people. */
export const volunteerStaffRoles = ["grid_worker", "officer", "dispatcher", "admin"] as const satisfies Role[];

/**
 * Staff act within their areas: an officer of a community manages tasks anywhere under it, not in
 * the next town. Admins (an admin key, or an admin user) act jurisdiction-wide. A key without a
 * user is not staff unless it is an admin key: an app key only ever acts for its users.
 */
export function assertStaffFor(
  caller: Principal,
  scope: Scope,
  allowed: readonly Role[],
  areaPath: string | null | undefined,
): void {
  assertScope(caller, scope);
  if (isAdmin(caller)) return;
  const user = caller.user;
  if (!user) throw new AppError("forbidden", "This needs a staff member's token or an admin key.");
  if (!allowed.includes(user.role)) throw new AppError("forbidden", `This needs one of the roles: ${allowed.join(", ")}.`);
  if (user.role === "admin") return;
  if (areaPath === undefined) return;
  if (areaPath === null || !pathIds(areaPath).some((id) => user.areaIds.includes(id))) {
    throw new AppError("forbidden", "That is outside the areas you are responsible for.");
  }
}

/** Staff of any of `allowed` roles, whatever the area (for reads and lists they then filter). */
export function isStaffOf(caller: Principal, allowed: readonly Role[]): boolean {
  if (isAdmin(caller)) return true;
  return !!caller.user && allowed.includes(caller.user.role);
}

/** The volunteer acting for themselves: only ever the token's own user. */
export function assertVolunteer(caller: Principal, scope: Scope = "tasks:write") {
  assertScope(caller, scope);
  const user = caller.user;
  if (!user) throw new AppError("forbidden", "Volunteers act with their own end-user token.");
  if (user.role !== "volunteer") throw new AppError("forbidden", "Only volunteers can do this; residents can apply to become one.");
  return user;
}
