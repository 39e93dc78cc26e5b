import { createHash, createHmac } from "node:crypto";


export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = "";
  for (const b of view) out += b.toString(16).padStart(2, "0");
  return out;
}

/*
 * Hashes use node:crypto (Node, and Workers with nodejs_compat) rather than WebCrypto: they run on
 * every authenticated request, and WebCrypto's digest is a thread-pool round trip in Node that cost
 * more than the rest of authentication. The functions stay async so callers need not care.
 */
export async function sha256Hex(data: string | Uint8Array | ArrayBuffer): Promise<string> {
  return createHash("sha256")
    .update(data instanceof ArrayBuffer ? new Uint8Array(data) : data)
    .digest("hex");
}

export async function hmacSha256Hex(secret: string, data: string): Promise<string> {
  return createHmac("sha256", secret).update(data).digest("hex");
}

/** URL-safe random text carrying `bytes` bytes of entropy (no padding). */
export function randomToken(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let bin = "";
  for (const b of buf) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Crockford's base32 alphabet, lower case: no i, l, o or u, so a code read aloud or retyped stays unambiguous. */
const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";

/** Lower-case base32 text carrying `bytes` random bytes (16 bytes → 26 characters, 128 bits). */
export function randomBase32(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const b of buf) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(acc << (5 - bits)) & 31];
  return out;
}
