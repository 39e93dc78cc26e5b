import type { MiddlewareHandler } from "hono";
import type { AppEnv, Principal } from "../deps.ts";
import { AppError } from "../lib/problem.ts";
import { findKeyBySecret, findLiveKeyById } from "../services/auth/key-lookup.ts";
import { verifyToken } from "../services/auth/tokens.ts";

const KEY_PREFIX = "fq_";
const challenge = { "www-authenticate": 'Bearer realm="fengqiao"' };

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
 */
export const authenticate = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const credential = presentedCredential(c);
  if (credential === undefined) return next();
  const deps = c.get("deps");
  // Built only when needed: constructing an Error captures a stack, which is not free.
  const invalid = () => new AppError("unauthenticated", "The credential is unknown, expired or revoked.", { headers: challenge });

  let principal: Principal;
  if (credential.startsWith(KEY_PREFIX)) {
    const key = await findKeyBySecret(deps, credential);
    if (!key) throw invalid();
    principal = { jurisdictionId: key.jurisdictionId, keyId: key.id, keyKind: key.kind, scopes: key.scopes };
  } else {
    const claims = await verifyToken(deps.config.TOKEN_SECRET, credential, deps.now());
    const key = claims && (await findLiveKeyById(deps, claims.kid));
    if (!claims || !key || key.jurisdictionId !== claims.jur) throw invalid();
    principal = {
      jurisdictionId: claims.jur,
      keyId: key.id,
      keyKind: key.kind,
      scopes: key.scopes,
      user: { id: claims.sub, role: claims.role, agencyId: claims.agy, areaIds: claims.areas },
    };
  }
  c.set("principal", principal);
  return next();
};
