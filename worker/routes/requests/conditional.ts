import type { Context } from "hono";
import { sha256Hex } from "../../lib/crypto.ts";
import { varyOn } from "../../lib/headers.ts";
import { narrowedTag } from "../../lib/version-tag.ts";
import { notModified } from "../../services/requests/etag.ts";

/**
 * Answers a GET with a body-hash ETag (or a version tag, or one narrowed by the body:
 * lib/version-tag.ts), or 304 when the client's If-None-Match still matches. Representations
 * differ by caller (masking, visibility), hence `Vary: Authorization`. The body is serialised
 * once, for the hash and the answer alike, and the headers travel with the answer (setting them
 * one by one on the context first builds a fetch `Headers`, which costs more).
 */
export async function conditionalJson<T>(c: Context, body: T, etag?: string | { version: string }) {
  const text = JSON.stringify(body);
  const tag = typeof etag === "string" ? etag : etag ? await narrowedTag(etag.version, text) : `W/"${(await sha256Hex(text)).slice(0, 32)}"`;
  const headers = { etag: tag, vary: varyOn(c, "Authorization"), "cache-control": "private, no-cache" };
  if (notModified(c.req.header("if-none-match"), tag)) return c.body(null, 304, headers);
  return c.body(text, 200, { ...headers, "content-type": "application/json" });
}
