import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";

/** Per client address, per minute, for checks sent without a credential. */
export const ANONYMOUS_CHECKS_PER_MINUTE = 20;

/**
 * Checks without a key or token get a budget of their own on top of the global one: a number
 * checker open to everyone must not double as a free oracle for walking through number ranges.
 * Keys and tokens are already limited per caller by the global limiter.
 */
export const anonymousCheckLimit = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (c.get("principal")) return next();
  const { rateLimiter, clientAddress } = c.get("deps");
  const d = await rateLimiter.hit(`fraud-check:ip:${clientAddress(c)}`, ANONYMOUS_CHECKS_PER_MINUTE);
  if (!d.allowed) {
    throw new AppError("rate_limited", `Without a credential, at most ${ANONYMOUS_CHECKS_PER_MINUTE} checks a minute; retry in ${d.resetSeconds} s.`, {
      headers: { "retry-after": String(d.resetSeconds), "ratelimit-policy": `"anonymous-checks";q=${ANONYMOUS_CHECKS_PER_MINUTE};w=60` },
    });
  }
  await next();
};
