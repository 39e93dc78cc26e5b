import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The follower's sign-in on this backend, kept in an HttpOnly cookie set when WeChat's OAuth lands:
 * an H5 page left open past its 15-minute fengqiao token gets a fresh one from POST /pa/session
 * instead of sending the follower back to the menu. It holds the openid and an expiry, signed with
 * a key made at start (a restart signs everyone out, which the menu repairs in one tap).
 */
const COOKIE = "fq_pa";
const HOURS = 2;

export function sessionCookies(opts: { secure: boolean }) {
  const key = randomBytes(32);
  const sign = (payload: string) => createHmac("sha256", key).update(payload).digest("base64url");
  return {
    /** Set-Cookie for this follower; only /pa/ routes ever see it, and no script can read it. */
    issue(openid: string, now = Date.now()): string {
      const payload = Buffer.from(JSON.stringify({ openid, exp: now + HOURS * 3_600_000 })).toString("base64url");
      const attrs = [`Path=/pa`, `Max-Age=${HOURS * 3600}`, "HttpOnly", "SameSite=Lax", ...(opts.secure ? ["Secure"] : [])];
      return `${COOKIE}=${payload}.${sign(payload)}; ${attrs.join("; ")}`;
    },
    /** The openid a request's cookie vouches for, or null (none, forged or expired). */
    openid(cookieHeader: string | undefined, now = Date.now()): string | null {
      const raw = cookieHeader
        ?.split(/;\s*/)
        .find((c) => c.startsWith(`${COOKIE}=`))
        ?.slice(COOKIE.length + 1);
      const [payload, mac] = raw?.split(".") ?? [];
      if (!payload || !mac) return null;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(mac);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const { openid, exp } = JSON.parse(Buffer.from(payload, "base64url").toString()) as { openid: string; exp: number };
      return now < exp ? openid : null;
    },
  };
}
