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

/**
 * A key as what outlives its rotations know it: its lineage (schema/api-keys.ts), or its own id
 * for a principal built without one.
 */
export const keyLineageOf = (p: Principal): string => p.keyLineage ?? p.keyId;

/**
 * Who the caller is, for what must follow them across requests and key rotations: the end user,
 * else the key by its lineage. Idempotency-Key scopes, the rate-limit budget and a request's
 * `submitted_by` (who follows what they filed) are all this.
 */
export const callerIdentity = (p: Principal): string => (p.user ? `user:${p.user.id}` : `key:${keyLineageOf(p)}`);

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

/**
 * The scope an officer's key must hold to reveal personal data. A token acts with its key's
 * scopes AND its user's role, so an officer signed in through a resident-facing app, kiosk or
 * public account (whose keys anyone can hold) must not reveal anything: the officer's role alone
 * is not enough. `interventions:read` is the narrowest scope that marks a police staff app: no
 * resident-facing key and no integration key holds it by default, and it is the scope under which
 * officers already read victims' unmasked contacts (revealInterventionContact).
 */
export const REVEAL_STAFF_SCOPE: Scope = "interventions:read";

/**
 * Who may reveal personal data: an administrator (an admin key, or an admin user through a key
 * holding `admin`) anywhere in the jurisdiction, or an officer through a key holding
 * REVEAL_STAFF_SCOPE within their areas (each reveal narrows to them). Anyone else: 403.
 */
export function assertRevealer(caller: Principal): "admin" | "officer" {
  if (isAdmin(caller)) return "admin";
  if (caller.user?.role === "officer" && hasScope(caller, REVEAL_STAFF_SCOPE)) return "officer";
  if (caller.user?.role === "officer") {
    throw new AppError("forbidden", `An officer reveals personal data through a staff key holding the \`${REVEAL_STAFF_SCOPE}\` scope.`);
  }
  throw new AppError("forbidden", "Only an administrator or an officer may reveal personal data.");
}
