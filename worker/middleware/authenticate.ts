import type { MiddlewareHandler } from "hono";
import type { AppEnv, Principal } from "../deps.ts";
import { AppError } from "../lib/problem.ts";
import { countFailedAuthentication, refuseLockedOutAddress } from "./rate-limit.ts";
import { findKeyBySecret, findLiveKeyById, lineageOf } from "../services/auth/key-lookup.ts";
import { isIssuedHere, verifyToken } from "../services/auth/tokens.ts";

const KEY_PREFIX = "fq_";
const challenge = { "www-authenticate": 'Bearer realm="fengqiao"' };
/** 401s not counted as failed authentications (see `authenticate`). */
const uncounted = new WeakSet<AppError>();

/** Open311 clients send their key as `api_key`; everyone else sends `Authorization: Bearer`. */
function presentedCredential(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string | undefined {
  const header = c.req.header("authorization");
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError("unauthenticated", "Send the credential as `Authorization: Bearer <key or token>`.", { headers: challenge });
    return m[1];
  }
  if (c.req.path.startsWith("/open311/")) return c.req.query("api_key") ?? undefined;
  return undefined;
}

/**
 * Sets `principal` when a credential is presented; rejects a bad one (401). Routes that need a
 * caller say so with `requireScope`/`requireRole`, so public routes (doorplate lookup, health,
 * docs) stay public while a wrong credential is never silently ignored.
 *
 * Every 401 — an unknown, expired or revoked key, a forged or malformed token, a malformed
 * header — counts against the client address's failed-authentication budget, except a token this
 * deployment signed (merely expired, or its key revoked); an address past the budget is answered
 * 429 before its credential is looked at (middleware/rate-limit.ts).
 */
export const authenticate = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  let principal: Principal | undefined;
  try {
    principal = await principalOf(c);
  } catch (err) {
    throw err instanceof AppError && err.code === "unauthenticated" && !uncounted.has(err) ? await countFailedAuthentication(c, err) : err;
  }
  if (principal) c.set("principal", principal);
  return next();
};

async function principalOf(c: Parameters<MiddlewareHandler<AppEnv>>[0]): Promise<Principal | undefined> {
  const credential = presentedCredential(c);
  if (credential === undefined) return undefined;
  refuseLockedOutAddress(c);
  const deps = c.get("deps");
  // Built only when needed: constructing an Error captures a stack, which is not free.
  const invalid = () => new AppError("unauthenticated", "The credential is unknown, expired or revoked.", { headers: challenge });

  if (credential.startsWith(KEY_PREFIX)) {
    const key = await findKeyBySecret(deps, credential);
    if (!key) throw invalid();
    return { jurisdictionId: key.jurisdictionId, keyId: key.id, keyLineage: lineageOf(key), keyKind: key.kind, scopes: key.scopes };
  }
  const claims = await verifyToken(deps.config.TOKEN_SECRET, credential, deps.now());
  const key = claims && (await findLiveKeyById(deps, claims.kid));
  if (!claims || !key || key.jurisdictionId !== claims.jur) {
    const err = invalid();
    // A token this deployment signed that expired, or whose key was revoked, is not a guess: apps
    // holding many users' tokens meet those routinely and must not lock out their address.
    if (isIssuedHere(deps.config.TOKEN_SECRET, credential)) uncounted.add(err);
    throw err;
  }
  return {
    jurisdictionId: claims.jur,
    keyId: key.id,
    keyLineage: lineageOf(key),
    keyKind: key.kind,
    scopes: key.scopes,
    user: { id: claims.sub, role: claims.role, agencyId: claims.agy, areaIds: claims.areas },
  };
}
