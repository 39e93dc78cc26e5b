import { hmacSha256Hex } from "../../lib/crypto.ts";

/**
 * The rotating code shown on site as a QR (like TOTP, RFC 6238): a 6-digit truncation of an
 * HMAC over the time step, keyed per task from the server secret, so no code is stored and one
 * task's code says nothing about another's. A volunteer who scans it proves they stood in front
 * of the officer's screen within the last step or so.
 */
export const SITE_CODE_STEP_SECONDS = 30;
const DIGITS = 6;

async function codeAt(secret: string, taskId: string, step: number): Promise<string> {
  const key = await hmacSha256Hex(secret, `task-site-code:v1:${taskId}`);
  const mac = await hmacSha256Hex(key, String(step));
  // RFC 4226 dynamic truncation.
  const bytes = mac.match(/../g)!.map((h) => parseInt(h, 16));
  const offset = bytes[bytes.length - 1]! & 0x0f;
  const bin = ((bytes[offset]! & 0x7f) << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
  return String(bin % 10 ** DIGITS).padStart(DIGITS, "0");
}

const stepOf = (now: number) => Math.floor(now / 1000 / SITE_CODE_STEP_SECONDS);

export async function currentSiteCode(secret: string, taskId: string, now: number) {
  const step = stepOf(now);
  return { code: await codeAt(secret, taskId, step), validUntil: (step + 1) * SITE_CODE_STEP_SECONDS * 1000 };
}

/** The current code, or the previous one (a scan just before the screen changes still counts). */
export async function verifySiteCode(secret: string, taskId: string, now: number, code: string): Promise<boolean> {
  const step = stepOf(now);
  for (const s of [step, step - 1]) {
    const expected = await codeAt(secret, taskId, s);
    let diff = expected.length ^ code.length;
    for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ (code.charCodeAt(i) || 0);
    if (diff === 0) return true;
  }
  return false;
}

/** What the QR encodes: the task and its current code, for the volunteer app to send to `checkIn`. */
export const siteCodePayload = (taskId: string, code: string) => `fengqiao:task:${taskId}:${code}`;
