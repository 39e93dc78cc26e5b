import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, Principal, Role } from "../deps.ts";
import { AppError } from "./problem.ts";
import type { Scope } from "./scopes.ts";

export const staffRoles = ["grid_worker", "officer", "dispatcher", "department_staff", "admin"] as const satisfies Role[];

/** The authenticated caller, or 401. */
export function caller(c: Context<AppEnv>): Principal {
  const p = c.get("principal");
  if (!p) throw new AppError("unauthenticated", "This operation needs an API key or an end-user token.", {
    headers: { "www-authenticate": 'Bearer realm="fengqiao"' },
  });
  return p;
}

export function hasScope(p: Principal, scope: Scope): boolean {
  return p.scopes.includes("admin") || p.scopes.includes(scope);
}

/** An admin key, or an admin user's token (whose key must also allow admin work). */
export function isAdmin(p: Principal): boolean {
  return p.scopes.includes("admin") && (!p.user || p.user.role === "admin");
}

export function isStaff(p: Principal): boolean {
  return !p.user || (staffRoles as readonly Role[]).includes(p.user.role);
}

export function assertScope(p: Principal, scope: Scope): void {
  if (!hasScope(p, scope)) throw new AppError("forbidden", `This credential lacks the \`${scope}\` scope.`);
}

export function assertAdmin(p: Principal): void {
  if (!isAdmin(p)) throw new AppError("forbidden", "Only an administrator of this jurisdiction may do this.");
}

/** For user tokens: the role must be one of `allowed`. Keys acting for themselves pass. */
export function assertRole(p: Principal, ...allowed: Role[]): void {
  if (p.user && !allowed.includes(p.user.role)) {
    throw new AppError("forbidden", `This needs one of the roles: ${allowed.join(", ")}.`);
  }
}

export function assertUser(p: Principal): NonNullable<Principal["user"]> {
  if (!p.user) throw new AppError("forbidden", "This operation acts for an end user: send an end-user token.");
  return p.user;
}

/**
 * Objects of another tenant, or a resident's view of someone else's object, answer 404 rather
 * than 403: the caller must not learn that the object exists.
 */
export function assertVisible(p: Principal, row: { jurisdictionId: string } | undefined | null, ownerUserId?: string | null) {
  if (!row || row.jurisdictionId !== p.jurisdictionId) throw new AppError("not_found");
  if (p.user && !isStaff(p) && ownerUserId !== undefined && ownerUserId !== p.user.id) throw new AppError("not_found");
}

/** Per-route guard: authenticated and holding `scope`. */
export const requireScope =
  (scope: Scope): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    assertScope(caller(c), scope);
    await next();
  };

export const requireAdmin = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  assertAdmin(caller(c));
  await next();
};
