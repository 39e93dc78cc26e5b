import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generate } from "../scripts/generate-types.ts";

describe("generated contract types", () => {
  it("sdk/src/generated/ matches openapi/openapi.json (run `npm run sdk:types`)", async () => {
    const { types, routes } = await generate();
    expect(readFileSync(new URL("../src/generated/openapi.ts", import.meta.url), "utf8")).toBe(types);
    expect(readFileSync(new URL("../src/generated/routes.ts", import.meta.url), "utf8")).toBe(routes);
  });

  it("has a route for every operation, so every operationId is callable", async () => {
    const doc = JSON.parse(readFileSync(new URL("../../openapi/openapi.json", import.meta.url), "utf8"));
    const { routes } = await import("../src/generated/routes.js");
    const ids = Object.values<Record<string, { operationId: string }>>(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(Object.keys(routes).sort()).toEqual(ids.sort());
  });
});

describe("namespaces mirror the API", () => {
  it("every operation has a method in a namespace (sdk/README.md: adding a namespace)", async () => {
    const { routes } = await import("../src/generated/routes.js");
    const { readdirSync } = await import("node:fs");
    const dir = new URL("../src/resources/", import.meta.url);
    const sources = [...readdirSync(dir).map((f) => readFileSync(new URL(f, dir), "utf8")), readFileSync(new URL("../src/client.ts", import.meta.url), "utf8")].join("\n");
    const missing = Object.keys(routes).filter((id) => !sources.includes(`"${id}"`));
    expect(missing, "operations without an SDK method").toEqual([]);
  });
});
