import { FengqiaoError } from "./errors.js";

export class WebhookVerificationError extends FengqiaoError {
  override name = "WebhookVerificationError";
}

type HeadersLike = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** How far the `webhook-timestamp` may be from now, either way (default 300 s): bounds replays. */
  toleranceSeconds?: number;
  /** The current time in epoch ms (default Date.now()). */
  now?: number;
  /** WebCrypto's SubtleCrypto; defaults to the global one (on Node 18 pass `(await import("node:crypto")).webcrypto.subtle`). */
  subtle?: SubtleCrypto;
}

/**
 * Verifies a delivery signed per the Standard Webhooks spec (https://www.standardwebhooks.com) and
 * returns its parsed JSON payload; throws WebhookVerificationError otherwise. Pass the body exactly
 * as received, before any JSON parsing: the signature covers bytes, not a re-serialisation.
 *
 *   const event = await verifyWebhook(process.env.FQ_WEBHOOK_SECRET, req.headers, rawBody);
 */
export async function verifyWebhook<T = unknown>(
  secret: string,
  headers: HeadersLike,
  rawBody: string | Uint8Array,
  opts: VerifyOptions = {},
): Promise<T> {
  const header = (name: string): string | undefined => {
    if (typeof headers.get === "function") return (headers as { get(n: string): string | null }).get(name) ?? undefined;
    const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
    return Array.isArray(entry) ? entry[0] : (entry as string | undefined);
  };
  const id = header("webhook-id");
  const timestamp = header("webhook-timestamp");
  const signatures = header("webhook-signature");
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError("Missing webhook-id, webhook-timestamp or webhook-signature");

  const sentAt = Number(timestamp);
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  if (!/^\d+$/.test(timestamp) || Math.abs(now - sentAt) > (opts.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError("The webhook timestamp is outside the tolerance");
  }

  const subtle = opts.subtle ?? globalThis.crypto.subtle;
  const key = await subtle.importKey("raw", fromBase64(secret.replace(/^whsec_/, "")), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const enc = new TextEncoder();
  const body = typeof rawBody === "string" ? enc.encode(rawBody) : rawBody;
  const prefix = enc.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  const expected = new Uint8Array(await subtle.sign("HMAC", key, signed));

  // Several signatures are allowed (the sender rotating its secret); unknown versions are skipped.
  const match = signatures.split(" ").some((entry) => {
    const [version, sig] = entry.split(",");
    if (version !== "v1" || !sig) return false;
    try {
      return constantTimeEqual(fromBase64(sig), expected);
    } catch {
      return false;
    }
  });
  if (!match) throw new WebhookVerificationError("No matching signature");
  const text = new TextDecoder().decode(body);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

/** Compares every byte whatever the first mismatch, so timing does not reveal how much matched. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function fromBase64(s: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}
