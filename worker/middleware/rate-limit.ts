import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, Deps } from "../deps.ts";
import { setHeader } from "../lib/headers.ts";
import { perInstance } from "../lib/per-instance.ts";
import { callerIdentity } from "../lib/authz.ts";
import { AppError } from "../lib/problem.ts";

/**
 * Per key (or per end user) when authenticated, per client address otherwise. Answers carry the
 * IETF RateLimit-Policy / RateLimit fields; a refusal is 429 with Retry-After.
 *
 * A key is counted by its rotation lineage, so during a rotation's grace period the old and the
 * new secret share one budget.
 */
export const rateLimit = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const { rateLimiter, config, clientAddress } = c.get("deps");
  const principal = c.get("principal");
  const id = principal ? callerIdentity(principal) : `ip:${clientAddress(c)}`;
  const limit = config.RATE_LIMIT_PER_MINUTE;
  const d = await rateLimiter.hit(id, limit);
  const policy = `"default";q=${limit};w=60`;
  const state = `"default";r=${d.remaining};t=${d.resetSeconds}`;
  if (!d.allowed) {
    throw new AppError("rate_limited", `At most ${limit} requests a minute; retry in ${d.resetSeconds} s.`, {
      headers: { "retry-after": String(d.resetSeconds), "ratelimit-policy": policy, ratelimit: state },
    });
  }
  // Set before the handler runs, so they ride on whatever response it builds (cheaper than mutating it after).
  setHeader(c, "ratelimit-policy", policy);
  setHeader(c, "ratelimit", state);
  await next();
};

/*
 * Failed authentications, per client address. The authenticate middleware runs before
 * `rateLimit` (it must know the caller to pick a budget), so a credential that fails is counted
 * here instead: each failure is a hit on `authfail:ip:<address>` with the same limiter and the
 * same per-minute budget (RATE_LIMIT_PER_MINUTE; on Workers the RATE_LIMITER binding's limit
 * decides). Past it the address is answered 429 for the rest of the window, before its
 * credentials are even hashed: valid ones too, since the address is what is being limited.
 * Requests without a credential are not affected.
 *
 * Which addresses are locked out, and until when, is remembered per app instance (per isolate on
 * Workers) so the refusal costs no limiter call; bounded like the key cache.
 */
const LOCKOUT_ENTRIES = 10_000;
const lockoutsOf = perInstance<Deps, Map<string, number>>(() => new Map());
const AUTH_POLICY = "authfail";

function authRefusal(limit: number, resetSeconds: number): AppError {
  return new AppError("rate_limited", `Too many failed authentications from this address; retry in ${resetSeconds} s.`, {
    headers: {
      "retry-after": String(resetSeconds),
      "ratelimit-policy": `"${AUTH_POLICY}";q=${limit};w=60`,
      ratelimit: `"${AUTH_POLICY}";r=0;t=${resetSeconds}`,
    },
  });
}

/** Throws 429 while the caller's address is over its failed-authentication budget. */
export function refuseLockedOutAddress(c: Context<AppEnv>): void {
  const deps = c.get("deps");
  const lockouts = lockoutsOf(deps);
  if (lockouts.size === 0) return;
  const address = deps.clientAddress(c);
  const until = lockouts.get(address);
  if (until === undefined) return;
  const t = deps.now();
  if (until <= t) {
    lockouts.delete(address);
    return;
  }
  throw authRefusal(deps.config.RATE_LIMIT_PER_MINUTE, Math.max(1, Math.ceil((until - t) / 1000)));
}

/**
 * Counts one failed authentication against the caller's address. Answers the error to send:
 * `failure` itself (the 401) within the budget, a 429 once past it.
 */
export async function countFailedAuthentication(c: Context<AppEnv>, failure: AppError): Promise<AppError> {
  const deps = c.get("deps");
  const address = deps.clientAddress(c);
  const limit = deps.config.RATE_LIMIT_PER_MINUTE;
  const d = await deps.rateLimiter.hit(`${AUTH_POLICY}:ip:${address}`, limit);
  if (d.allowed) return failure;
  const lockouts = lockoutsOf(deps);
  const t = deps.now();
  lockouts.delete(address);
  lockouts.set(address, t + d.resetSeconds * 1000);
  if (lockouts.size > LOCKOUT_ENTRIES) {
    for (const [a, until] of lockouts) if (until <= t) lockouts.delete(a);
    for (const oldest of lockouts.keys()) {
      if (lockouts.size <= LOCKOUT_ENTRIES) break;
      lockouts.delete(oldest);
    }
  }
  return authRefusal(limit, d.resetSeconds);
}
