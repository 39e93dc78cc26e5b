import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant } from "../support/factories.ts";

let t: TestApp;
let operations: { method: string; path: string; secured: boolean; id: string }[];
let credentials: (string | undefined)[];
beforeAll(async () => {
  t = await testApp();
  const county = await tenant(t);
  credentials = [undefined, county.adminKey, (await county.user("resident")).token];
  const doc = (await t.get("/openapi.json")).json;
  operations = Object.entries<Record<string, { security?: unknown[]; operationId: string }>>(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      // Any value will do for path parameters: the credential is checked first.
      path: path.replaceAll(/\{[^}]+\}/g, "x"),
      secured: (op.security ?? []).length > 0,
      id: op.operationId,
    })),
  );
});
afterAll(() => t.close());

/**
 * Runs over every operation in the contract, so routes added later are covered without anyone
 * remembering to: documented security is enforced, and malformed input never produces a 5xx.
 */
describe("every operation in the contract", () => {
  it("that documents security answers 401 problem+json without a credential, before reading input", async () => {
    const secured = operations.filter((o) => o.secured);
    expect(secured.length).toBeGreaterThan(0);
    for (const op of secured) {
      const res = await t.request(op.method, op.path, { body: op.method === "GET" ? undefined : "{not json", headers: { "content-type": "application/json" } });
      expect(res.status, `${op.id} ${op.method} ${op.path}`).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("answers 401 to a forged token and to a made-up key", async () => {
    const forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfeCIsInJvbGUiOiJhZG1pbiJ9.c2lnbmF0dXJl";
    for (const auth of [forged, "fq_abcdefgh_" + "A".repeat(43), "not-a-credential"]) {
      for (const op of operations.filter((o) => o.secured)) {
        const res = await t.request(op.method, op.path, { auth });
        expect(res.status, `${op.id} with ${auth.slice(0, 8)}…`).toBe(401);
      }
    }
  });

  it("never answers 5xx to malformed input, anonymous, as admin or as a resident", async () => {
    const junk = ['{"a":', "[]", '"x"', "null", JSON.stringify({ limit: -1, id: "../../etc", name: "\u0000" })];
    for (const auth of credentials) {
      for (const op of operations) {
        for (const body of op.method === "GET" ? [undefined] : junk) {
          const res = await t.request(op.method, `${op.path}?limit=abc&cursor=%00`, { auth, body, headers: { "content-type": "application/json" } });
          expect(res.status, `${op.id} ${op.method} ${op.path}`).toBeLessThan(500);
          expect(res.headers.get("content-type") ?? "").not.toMatch(/text\/html/);
        }
      }
    }
  });
});
