import type { Context, MiddlewareHandler, Next } from "hono";
import { bodyLimit as streamingBodyLimit } from "hono/body-limit";
import type { AppEnv } from "../deps.ts";
import { bodyLimitFor } from "../lib/body-limits.ts";
import { AppError } from "../lib/problem.ts";

const tooLarge = (max: number, message: string) => () => {
  throw new AppError("payload_too_large", message.replace("{max}", String(max)));
};
const streaming = new Map<string, MiddlewareHandler>();

/**
 * One cap, checked as cheaply as the request allows. When the request declares Content-Length
 * the header decides, because the HTTP layer never delivers more than that: checking it leaves the
 * body untouched, so the Node adapter can still read it on its fast path (touching
 * `c.req.raw.body` builds a fetch Request and stream, which cost more than the rest of a small
 * POST). A body something before has read already (the idempotency fingerprint) is measured as
 * read, as bytes or text: its stream is spent. Only an unread chunked body is counted as it streams in.
 */
async function limit(c: Context, next: Next, max: number, message: string) {
  const declared = c.req.header("content-length");
  if (declared !== undefined && c.req.header("transfer-encoding") === undefined) {
    if (Number(declared) > max) tooLarge(max, message)();
    return next();
  }
  const { arrayBuffer, text } = c.req.bodyCache;
  if (arrayBuffer || text) {
    const size = arrayBuffer ? (await arrayBuffer).byteLength : new TextEncoder().encode(await text).length;
    if (size > max) tooLarge(max, message)();
    return next();
  }
  const key = `${max} ${message}`;
  let limiter = streaming.get(key);
  if (!limiter) streaming.set(key, (limiter = streamingBodyLimit({ maxSize: max, onError: tooLarge(max, message) })));
  return limiter(c, next);
}

/** A body limit on every route; bulk-upload routes get their own (worker/lib/body-limits.ts). */
export const bodyLimit = (globalLimit: number): MiddlewareHandler<AppEnv> => (c, next) => {
  const method = c.req.method;
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
  return limit(c, next, bodyLimitFor(method, c.req.path, globalLimit), "The body may be at most {max} bytes.");
};

/** A route's own cap, stated in its contract; safe after anything that has read the body. */
export const routeBodyLimit = (max: number, message: string): MiddlewareHandler => (c, next) => limit(c, next, max, message);
