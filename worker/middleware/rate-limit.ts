import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { setHeader } from "../lib/headers.ts";
import { AppError } from "../lib/problem.ts";

/**
 * Per key (or per end user) when authenticated, per client address otherwise. Answers carry the
 * IETF RateLimit-Policy / RateLimit fields; a refusal is 429 with Retry-After.
 */
export const rateLimit = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const { rateLimiter, config, clientAddress } = c.get("deps");
  const principal = c.get("principal");
  const id = principal ? (principal.user ? `user:${principal.user.id}` : `key:${principal.keyId}`) : `ip:${clientAddress(c)}`;
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
