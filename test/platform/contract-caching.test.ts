import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { filledPath, fuzzWorld, type FuzzWorld } from "./fuzz-world.ts";

/**
 * Conditional GETs over the whole contract: every answer that carries an ETag answers 304, with
 * no body, when the client sends it back in If-None-Match — what the SDK's and kiosks' caches
 * rely on — and says it varies by credential when its representation does (masking, visibility).
 */

const t = await testApp();
const doc = (await t.get("/openapi.json")).json;
const gets = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) => (item.get ? [{ id: item.get.operationId as string, path }] : []));

let w: FuzzWorld;
beforeAll(async () => {
  w = await fuzzWorld(t);
}, 60_000);
afterAll(() => t.close());

describe("ETag and 304 on every GET of the contract", () => {
  it("an answer's ETag sent back in If-None-Match is a 304 with no body", async () => {
    const wrong: string[] = [];
    let tagged = 0;
    for (const op of gets) {
      const path = filledPath(w, op);
      if (!path) continue;
      for (const [who, auth] of Object.entries(w.callers)) {
        const first = await t.get(path, { auth });
        const etag = first.headers.get("etag");
        if (first.status !== 200 || !etag) continue;
        tagged++;
        const again = await t.get(path, { auth, headers: { "if-none-match": etag } });
        if (again.status !== 304 || again.text !== "") wrong.push(`${op.id} as ${who}: ${again.status} ${again.text.slice(0, 120)}`);
        const vary = (first.headers.get("vary") ?? "").toLowerCase();
        if (!vary.includes("authorization") && auth) wrong.push(`${op.id} as ${who}: an ETag without Vary: Authorization`);
      }
    }
    expect(wrong).toEqual([]);
    expect(tagged).toBeGreaterThan(25);
  });
});
