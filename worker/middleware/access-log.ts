import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "../deps.ts";

/**
 * One JSON line per request. It names the route pattern, never the concrete path, and never
 * bodies or query strings: those can hold phone numbers, doorplate codes and tokens.
 */
export const accessLog = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now();
  await next();
  const deps = c.get("deps");
  if (!deps.config.LOG_REQUESTS) return;
  const route = c.res.status === 404 || c.res.status === 405 ? null : routePath(c, -1);
  deps.log({
    level: c.res.status >= 500 ? "error" : "info",
    msg: "request",
    method: c.req.method,
    route,
    status: c.res.status,
    duration_ms: Math.round((performance.now() - started) * 100) / 100,
    request_id: c.get("requestId"),
  });
};
