import type { MiddlewareHandler } from "hono";
import { bodyLimit as streamingBodyLimit } from "hono/body-limit";
import type { AppEnv } from "../deps.ts";
import { bodyLimitFor } from "../lib/body-limits.ts";
import { AppError } from "../lib/problem.ts";

/**
 * A body limit on every route (bulk-upload routes get their own, worker/lib/body-limits.ts).
 * When the request declares Content-Length the header decides, because the HTTP layer never
 * delivers more than that: checking it leaves the body untouched, so the Node adapter can still
 * read it on its fast path (touching `c.req.raw.body` builds a fetch Request and stream, which
 * cost more than the rest of a small POST). Chunked bodies are counted as they stream in.
 */
export const bodyLimit = (globalLimit: number): MiddlewareHandler<AppEnv> => {
  const tooLarge = (max: number) => () => {
    throw new AppError("payload_too_large", `The body may be at most ${max} bytes.`);
  };
  const streaming = new Map<number, MiddlewareHandler>();
  return (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    const max = bodyLimitFor(method, c.req.path, globalLimit);
    const declared = c.req.header("content-length");
    if (declared !== undefined && c.req.header("transfer-encoding") === undefined) {
      if (Number(declared) > max) tooLarge(max)();
      return next();
    }
    let limiter = streaming.get(max);
    if (!limiter) streaming.set(max, (limiter = streamingBodyLimit({ maxSize: max, onError: tooLarge(max) })));
    return limiter(c, next);
  };
};
