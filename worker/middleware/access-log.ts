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
  // Unmatched requests only ran the global middleware, whose pattern is "*".
  const matched = routePath(c, -1);
  const route = matched === "*" || matched === "/*" ? null : matched;
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
