import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";

let t: TestApp;
let county: Tenant;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  for (let i = 0; i < 24; i++) {
    // Several keys share a millisecond, so the id tiebreaker is exercised.
    if (i % 3 === 0) t.clock.advance(1);
    await county.key("app");
  }
});
afterAll(() => t.close());

describe("cursor pagination", () => {
  it("walks every item exactly once, newest first, with default limit 20", async () => {
    const first = await t.get("/v1/keys", { auth: county.adminKey });
    expect(first.json.data).toHaveLength(20);
    expect(first.json.has_more).toBe(true);
    const seen: string[] = first.json.data.map((k: { id: string }) => k.id);
    let cursor = first.json.next_cursor as string | null;
    while (cursor) {
      const page = await t.get(`/v1/keys?limit=7&cursor=${encodeURIComponent(cursor)}`, { auth: county.adminKey });
      expect(page.status).toBe(200);
      seen.push(...page.json.data.map((k: { id: string }) => k.id));
      cursor = page.json.next_cursor;
      if (!page.json.has_more) expect(cursor).toBeNull();
    }
    const all = (await t.deps.client.execute({ sql: "SELECT id FROM api_keys WHERE jurisdiction_id = ? ORDER BY created_at DESC, id DESC", args: [county.id] })).rows.map((r) => r.id);
    expect(seen).toEqual(all);
  });

  it("caps limit at 100 and refuses a cursor it did not issue", async () => {
    expect((await t.get("/v1/keys?limit=101", { auth: county.adminKey })).status).toBe(400);
    const bad = await t.get("/v1/keys?cursor=not-a-cursor", { auth: county.adminKey });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].pointer).toBe("/query/cursor");
  });
});
