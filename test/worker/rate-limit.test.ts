import { call } from "./call.ts";
import { describe, expect, inject, it } from "vitest";

/** On Workers the `RATE_LIMITER` binding decides, per key across isolates; the answer is the same 429. */

describe("rate limiting through the Workers binding", () => {
  it("refuses a key past the binding's limit with 429, Retry-After and the RateLimit fields", async () => {
    const admin = { authorization: `Bearer ${inject("adminKey")}`, "content-type": "application/json" };
    const key = (await (await call("/v1/keys", { method: "POST", headers: admin, body: JSON.stringify({ name: "busy kiosk", kind: "kiosk" }) })).json()) as { secret: string };
    const auth = { authorization: `Bearer ${key.secret}` };
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) statuses.push((await call("/v1/me", { headers: auth })).status);
    expect(statuses.slice(0, 100).every((s) => s === 200)).toBe(true);
    expect(statuses[100]).toBe(429);
    const refused = await call("/v1/me", { headers: auth });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit")).toMatch(/r=0/);
    // Another key is its own budget.
    expect((await call("/v1/me", { headers: { authorization: admin.authorization } })).status).toBe(200);
  });
});
