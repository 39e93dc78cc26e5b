import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant } from "../support/factories.ts";

let t: TestApp;
let operations: { method: string; path: string; wellFormedPath: string; secured: boolean; id: string; security: string[]; json: boolean; body: boolean; responses: Record<string, { description: string }> }[];
let credentials: (string | undefined)[];
let adminKey: string;
let residentToken: string;
beforeAll(async () => {
  t = await testApp();
  const county = await tenant(t);
  adminKey = county.adminKey;
  residentToken = (await county.user("resident")).token;
  credentials = [undefined, adminKey, residentToken];
  const doc = (await t.get("/openapi.json")).json;
  type Operation = {
    security?: Record<string, unknown>[];
    operationId: string;
    requestBody?: { content: Record<string, unknown> };
    responses: Record<string, { description: string }>;
    parameters?: { in: string; name: string; schema?: { example?: string } }[];
  };
  operations = Object.entries<Record<string, Operation>>(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      // Any value will do for path parameters: the credential is checked first.
      path: path.replaceAll(/\{[^}]+\}/g, "x"),
      // Path parameters are checked before the body: each of the shape its schema's example has.
      wellFormedPath: path.replaceAll(/\{([^}]+)\}/g, (_, name) => op.parameters?.find((p) => p.in === "path" && p.name === name)?.schema?.example ?? "x"),
      secured: (op.security ?? []).length > 0,
      security: (op.security ?? []).flatMap((s) => Object.keys(s)),
      id: op.operationId,
      json: Object.keys(op.requestBody?.content ?? {}).includes("application/json"),
      body: op.requestBody !== undefined,
      responses: op.responses,
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

  it("that takes a JSON body answers 400 malformed_json problem+json to one that does not parse, with whichever credential it takes", async () => {
    const withJson = operations.filter((o) => o.json);
    // POST, PATCH and PUT alike: the body is read (and refused) by the same validator on each.
    expect(new Set(withJson.map((o) => o.method))).toEqual(new Set(["POST", "PATCH", "PUT"]));
    for (const op of withJson) {
      const auth = !op.secured ? undefined : op.security.includes("apiKey") ? adminKey : residentToken;
      const res = await t.request(op.method, op.wellFormedPath, { auth, body: '{"a":', headers: { "content-type": "application/json", "if-match": '"v1"' } });
      expect(res.status, `${op.id} ${op.method} ${op.path}`).toBe(400);
      expect(res.headers.get("content-type"), op.id).toBe("application/problem+json");
      expect(res.json.type, op.id).toBe("/problems/malformed_json");
      expect(res.json.request_id, op.id).toBe(res.headers.get("x-request-id"));
    }
  });

  it("that takes a body documents the middleware's 413 and 415, and for JSON the malformed-body 400", () => {
    const withBody = operations.filter((o) => o.body);
    expect(withBody.some((o) => o.method !== "POST")).toBe(true);
    for (const op of withBody) {
      expect(Object.keys(op.responses), op.id).toEqual(expect.arrayContaining(["400", "413", "415"]));
      if (op.json) expect(op.responses["400"]!.description, op.id).toContain("The request body is not valid JSON");
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
