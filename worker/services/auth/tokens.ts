import { sign } from "hono/jwt";
import { Buffer } from "node:buffer";
import { createHmac, timingSafeEqual } from "node:crypto";
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
    const p = verifiedPayload(secret, token);
    if (!p || p.iss !== ISSUER) return null;
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

/**
 * Whether this deployment signed the token, however stale: an expired token, or one whose key was
 * revoked since, is an ordinary client's leftover, not a guess (the failed-authentication limit
 * in middleware/rate-limit.ts does not count those).
 */
export function isIssuedHere(secret: string, token: string): boolean {
  try {
    return verifiedPayload(secret, token)?.iss === ISSUER;
  } catch {
    return false;
  }
}

/**
 * The payload of a compact HS256 JWS whose signature checks out, else null. Checked with
 * node:crypto's HMAC (Node, and Workers with nodejs_compat) because every token-bearing request
 * pays for it: WebCrypto's import-then-verify per call cost more than the rest of authentication.
 * The header must say HS256: no other algorithm, and never `none`, is accepted.
 */
function verifiedPayload(secret: string, token: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  const alg = (JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: unknown }).alg;
  if (alg !== ALG) return null;
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  return claims !== null && typeof claims === "object" && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
}
