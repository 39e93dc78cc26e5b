import type { HonoRequest } from "hono";
import { concatBytes } from "./bytes.ts";

const TEXTUAL = /^(?:application\/(?:[\w.+-]*\+)?json|text\/)/i;

/**
 * Reads the body for its fingerprint the way the route will read it next: JSON and text as text
 * (Hono keeps it, and the validator's `json()` parses it from there; read as bytes first, it is
 * turned back into text through a fetch Response and stream, which cost as much as the rest of
 * a small POST), anything else as bytes. The text of a UTF-8 body hashes as its bytes do.
 */
export async function fingerprintBody(req: HonoRequest): Promise<string | Uint8Array> {
  const type = req.header("content-type");
  if (type === undefined || TEXTUAL.test(type)) return req.text();
  return fingerprintBytes(await req.arrayBuffer(), type);
}

/**
 * The bytes an `Idempotency-Key` fingerprint is taken over. A multipart body is framed by a
 * boundary the client picks at random for each serialisation, so a retry of the very same upload
 * (the SDK re-encodes its FormData) would differ from the first in every frame: the boundary is
 * taken out, and what is compared is the parts — names, filenames, types and bytes.
 */
export function fingerprintBytes(body: ArrayBuffer, contentType: string | undefined): Uint8Array {
  const bytes = new Uint8Array(body);
  const boundary = contentType && /^multipart\//i.test(contentType) ? /;\s*boundary="?([^";]+)"?/i.exec(contentType)?.[1] : undefined;
  if (!boundary) return bytes;
  const marker = new TextEncoder().encode(boundary);
  const kept: Uint8Array[] = [];
  let from = 0;
  for (let i = bytes.indexOf(marker[0]!); i !== -1 && i <= bytes.length - marker.length; i = bytes.indexOf(marker[0]!, i + 1)) {
    if (i < from || !marker.every((b, k) => bytes[i + k] === b)) continue;
    kept.push(bytes.subarray(from, i));
    from = i + marker.length;
  }
  kept.push(bytes.subarray(from));
  return concatBytes(kept);
}
