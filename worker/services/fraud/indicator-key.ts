import { createHmac } from "node:crypto";
import type { Config } from "../../config.ts";
import type { IndicatorKind } from "./normalize.ts";

type Secrets = Pick<Config, "INDICATOR_SECRET" | "TOKEN_SECRET">;
const derived = new Map<string, string>();

/**
 * INDICATOR_SECRET, or when unset a secret derived from TOKEN_SECRET (HMAC with a fixed label),
 * so a deployment works without it. Set INDICATOR_SECRET in production: rotating TOKEN_SECRET
 * would otherwise orphan every stored indicator.
 */
function secretOf(config: Secrets): string {
  if (config.INDICATOR_SECRET) return config.INDICATOR_SECRET;
  let s = derived.get(config.TOKEN_SECRET);
  if (!s) derived.set(config.TOKEN_SECRET, (s = createHmac("sha256", config.TOKEN_SECRET).update("fengqiao/indicator-key/v1").digest("hex")));
  return s;
}

/**
 * HMAC-SHA256 of `kind` and the canonical value: stored instead of the value, so the table alone
 * (a backup, a leaked replica) cannot be turned back into phone numbers by hashing guesses.
 * node:crypto (Node, and Workers with nodejs_compat) rather than WebCrypto: checks are hot, and
 * WebCrypto's sign is a thread-pool round trip in Node that costs more than the lookup itself.
 */
export async function indicatorKey(config: Secrets, kind: IndicatorKind, canonical: string): Promise<string> {
  return createHmac("sha256", secretOf(config)).update(`${kind}\u0000${canonical}`).digest("hex");
}
