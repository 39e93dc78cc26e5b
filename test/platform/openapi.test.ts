import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentDocument, serialize } from "../../openapi/document.ts";
import { testApp, type TestApp } from "../support/app.ts";

let t: TestApp;
beforeAll(async () => (t = await testApp()));
afterAll(() => t.close());

describe("the OpenAPI contract", () => {
  it("committed openapi/openapi.json is the document the app serves (run `npm run openapi:gen`)", async () => {
    const committed = readFileSync(new URL("../../openapi/openapi.json", import.meta.url), "utf8");
    const served = await t.get("/openapi.json");
    expect(served.status).toBe(200);
    expect(serialize(served.json)).toBe(committed);
    expect(serialize(currentDocument())).toBe(committed);
  });

  it("is OpenAPI 3.1 and every operation has a unique camelCase operationId", async () => {
    const doc = (await t.get("/openapi.json")).json;
    expect(doc.openapi).toBe("3.1.0");
    const ids: string[] = [];
    for (const [path, item] of Object.entries<Record<string, { operationId?: string }>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.operationId, `${method.toUpperCase()} ${path}`).toMatch(/^[a-z][a-zA-Z0-9]+$/);
        ids.push(op.operationId!);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(3);
  });

  it("documents the problem responses it sends", async () => {
    const doc = (await t.get("/openapi.json")).json;
    expect(doc.components.schemas.Problem.properties.type).toBeDefined();
    const create = doc.paths["/v1/keys"].post;
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "429", "500"]));
    expect(create.responses["400"].content["application/problem+json"]).toBeDefined();
  });

  it("renders an interactive reference at /docs", async () => {
    const res = await t.get("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.text).toContain("/openapi.json");
  });
});
