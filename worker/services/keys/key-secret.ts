import { randomToken, sha256Hex } from "../../lib/crypto.ts";

/**
 * `fq_<prefix>_<secret>`: the 8-character prefix is shown in lists so people can tell keys apart;
 * the 32-byte secret is shown once, at creation, and only its SHA-256 is stored.
 */
export async function mintKeySecret() {
  const prefix = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => "abcdefghijkmnpqrstuvwxyz23456789"[b % 32]).join("");
  const secret = `fq_${prefix}_${randomToken(32)}`;
  return { secret, prefix: `fq_${prefix}`, hash: await sha256Hex(secret) };
}
