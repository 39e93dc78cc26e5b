import type { Config } from "../../config.ts";
import { seal, unseal } from "../../lib/seal.ts";

const PURPOSE = "webhook-signing-secret";

/** A Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))}`;
}

export const sealSecret = (config: Config, secret: string) => seal(config.TOKEN_SECRET, PURPOSE, secret);
export const unsealSecret = (config: Config, sealed: string) => unseal(config.TOKEN_SECRET, PURPOSE, sealed);
