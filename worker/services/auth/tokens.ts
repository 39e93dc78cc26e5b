import { sign, verify } from "hono/jwt";
import { roles, type Role } from "../../deps.ts";

const ALG = "HS256" as const;
const ISSUER = "fengqiao";
export const TOKEN_TTL_SECONDS = 15 * 60;

export interface TokenClaims {
  sub: string;
  jur: string;
  kid: string;
  role: Role;
  agy: string | null;
  areas: string[];
}

/** End-user tokens are short-lived HS256 JWTs; the algorithm is fixed on both sides (no `alg` trust). */
export async function issueToken(secret: string, claims: TokenClaims, nowMs: number) {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + TOKEN_TTL_SECONDS;
  const token = await sign({ ...claims, iss: ISSUER, iat, exp }, secret, ALG);
  return { token, expiresAt: exp * 1000 };
}

/**
 * Returns the claims, or null for anything expired, tampered, foreign or malformed. Time checks
 * use the app's clock (`nowMs`), not the library's wall clock, so expiry is the same instant the
 * rest of the app sees (and tests can move it).
 */
export async function verifyToken(secret: string, token: string, nowMs: number): Promise<TokenClaims | null> {
  try {
    const p = await verify(token, secret, { alg: ALG, iss: ISSUER, exp: false, iat: false, nbf: false });
    const now = Math.floor(nowMs / 1000);
    if (typeof p.exp !== "number" || p.exp <= now || typeof p.iat !== "number" || p.iat > now + 60) return null;
    if (
      typeof p.sub !== "string" ||
      typeof p.jur !== "string" ||
      typeof p.kid !== "string" ||
      !roles.includes(p.role as Role) ||
      !Array.isArray(p.areas)
    ) {
      return null;
    }
    return { sub: p.sub, jur: p.jur, kid: p.kid, role: p.role as Role, agy: (p.agy as string | null) ?? null, areas: p.areas as string[] };
  } catch {
    return null;
  }
}
