import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { currentSiteCode, SITE_CODE_STEP_SECONDS, verifySiteCode } from "../../worker/services/tasks/site-code.ts";

/**
 * The rotating code on the officer's screen: six digits per 30-second step, per task, derived from
 * the server secret; the current and the previous step's code are accepted, nothing older.
 */
const secret = "site-code-test-secret-0123456789abcdef";
const STEP = SITE_CODE_STEP_SECONDS * 1000;

/** RFC 4226 dynamic truncation, written from the RFC, over the same per-task key derivation. */
function expectedCode(taskId: string, step: number) {
  const key = createHmac("sha256", secret).update(`task-site-code:v1:${taskId}`).digest("hex");
  const mac = createHmac("sha256", key).update(String(step)).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 1_000_000).padStart(6, "0");
}

describe("site codes", () => {
  it("are RFC 4226 truncations of the step's HMAC, valid until the step ends", async () => {
    for (const now of [Date.UTC(2026, 10, 22, 9, 0, 0), Date.UTC(2026, 10, 22, 9, 0, 29, 999), 1_700_000_012_345]) {
      const step = Math.floor(now / STEP);
      const { code, validUntil } = await currentSiteCode(secret, "tsk_a", now);
      expect(code).toBe(expectedCode("tsk_a", step));
      expect(code).toMatch(/^\d{6}$/);
      expect(validUntil).toBe((step + 1) * STEP);
      expect(validUntil).toBeGreaterThan(now);
      expect(validUntil - now).toBeLessThanOrEqual(STEP);
    }
  });

  it("accept this step's and the previous step's code only, for this task only", async () => {
    const t0 = Date.UTC(2026, 10, 22, 9, 0, 0);
    const { code } = await currentSiteCode(secret, "tsk_a", t0);
    expect(await verifySiteCode(secret, "tsk_a", t0 + STEP - 1, code)).toBe(true);
    expect(await verifySiteCode(secret, "tsk_a", t0 + STEP, code)).toBe(true);
    expect(await verifySiteCode(secret, "tsk_a", t0 + 2 * STEP, code)).toBe(false);
    expect(await verifySiteCode(secret, "tsk_a", t0 - STEP, code)).toBe(false);
    expect(await verifySiteCode(secret, "tsk_b", t0, code)).toBe(false);
    expect(await verifySiteCode("another-secret-0123456789abcdef0123", "tsk_a", t0, code)).toBe(false);
    for (const wrong of ["", code.slice(0, 5), `${code}0`, `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`]) {
      expect(await verifySiteCode(secret, "tsk_a", t0, wrong), wrong).toBe(false);
    }
  });
});
