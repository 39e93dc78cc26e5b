import type { Config } from "../../config.ts";
import { hmacSha256Hex, toHex } from "../../lib/crypto.ts";
import type { IndicatorKind } from "./normalize.ts";

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/**
 * INDICATOR_SECRET, or when unset a secret derived from TOKEN_SECRET (HMAC with a fixed label),
 * so a deployment works without it. Set INDICATOR_SECRET in production: rotating TOKEN_SECRET
 * would otherwise orphan every stored indicator.
 */
async function secretOf(config: Pick<Config, "INDICATOR_SECRET" | "TOKEN_SECRET">): Promise<string> {
  return config.INDICATOR_SECRET ?? hmacSha256Hex(config.TOKEN_SECRET, "fengqiao/indicator-key/v1");
}

function cryptoKey(config: Pick<Config, "INDICATOR_SECRET" | "TOKEN_SECRET">): Promise<CryptoKey> {
  const cacheKey = `${config.INDICATOR_SECRET ?? ""}\u0000${config.TOKEN_SECRET}`;
  let key = keys.get(cacheKey);
  if (!key) {
    // Imported once per secret: checks are hot, and importKey costs more than the HMAC itself.
    key = secretOf(config).then((s) => crypto.subtle.importKey("raw", encoder.encode(s), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]));
    keys.set(cacheKey, key);
  }
  return key;
}

/**
 * HMAC-SHA256 of `kind` and the canonical value: stored instead of the value, so the table alone
 * (a backup, a leaked replica) cannot be turned back into phone numbers by hashing guesses.
 */
export async function indicatorKey(config: Pick<Config, "INDICATOR_SECRET" | "TOKEN_SECRET">, kind: IndicatorKind, canonical: string): Promise<string> {
  const sig = await crypto.subtle.sign("HMAC", await cryptoKey(config), encoder.encode(`${kind}\u0000${canonical}`));
  return toHex(sig);
}
