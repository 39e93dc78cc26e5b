import type { Context } from "hono";
import { sha256Hex } from "../../lib/crypto.ts";
import { notModified } from "../../services/requests/etag.ts";

/**
 * Answers a GET with a body-hash ETag, or 304 when the client's If-None-Match still matches.
 * Representations differ by caller (masking, visibility), hence `Vary: Authorization`.
 */
export async function conditionalJson<T>(c: Context, body: T, etag?: string) {
  const tag = etag ?? `W/"${(await sha256Hex(JSON.stringify(body))).slice(0, 32)}"`;
  c.header("etag", tag);
  c.header("vary", "authorization");
  c.header("cache-control", "private, no-cache");
  if (notModified(c.req.header("if-none-match"), tag)) return c.body(null, 304);
  return c.json(body, 200);
}
