import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv, Deps } from "../deps.ts";
import { applyPendingHeaders, setHeader } from "../lib/headers.ts";

const DOCS_CSP = "default-src 'self' 'unsafe-inline' data: blob: https:; img-src * data: blob:";
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The OWASP REST Security set for a JSON API, fixed once. hono/secure-headers' defaults add
 * headers that only mean something to HTML documents in old browsers (X-XSS-Protection,
 * X-Download-Options, X-Permitted-Cross-Domain-Policies …); every byte here is on every answer.
 */
const SECURITY_HEADERS: [string, string][] = [
  ["cross-origin-resource-policy", "same-site"],
  ["referrer-policy", "no-referrer"],
  ["strict-transport-security", "max-age=15552000; includeSubDomains"],
  ["x-content-type-options", "nosniff"],
  ["x-frame-options", "DENY"],
];

const SANE_REQUEST_ID = /^[\w\-=.:]{1,128}$/;

/**
 * The outermost middleware, one function for what every request needs: dependencies, a request
 * id (a sane incoming `x-request-id` is kept so traces join up), security headers, and on the way
 * out `Server-Timing` and one JSON access-log line. The log names the route pattern, never the
 * concrete path, query or body: those can hold phone numbers, doorplate codes and tokens.
 */
export const envelope =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const started = performance.now();
    c.set("deps", deps);
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId", requestId);
    setHeader(c, "x-request-id", requestId);
    for (const [name, value] of SECURITY_HEADERS) setHeader(c, name, value);
    // The reference UI at /docs loads a script and styles; everything else is JSON and gets no allowances.
    setHeader(c, "content-security-policy", c.req.path === "/docs" ? DOCS_CSP : API_CSP);

    await next();

    const duration = performance.now() - started;
    setHeader(c, "server-timing", `total;dur=${duration.toFixed(1)}`);
    applyPendingHeaders(c);
    if (!deps.config.LOG_REQUESTS) return;
    // Unmatched requests only ran the global middleware, whose pattern is "*".
    const matched = routePath(c, -1);
    deps.log({
      level: c.res.status >= 500 ? "error" : "info",
      msg: "request",
      method: c.req.method,
      route: matched === "*" || matched === "/*" ? null : matched,
      status: c.res.status,
      duration_ms: Math.round(duration * 100) / 100,
      request_id: requestId,
    });
  };
