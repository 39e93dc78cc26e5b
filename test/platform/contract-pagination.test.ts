import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { filledPath, fuzzWorld, type FuzzWorld } from "./fuzz-world.ts";

/**
 * One cursor helper for every list, checked over the whole contract: each operation whose answer
 * is a page (`data`, `has_more`, `next_cursor`) takes `limit` 1–100 (20 by default; 0 and 101 are
 * 400), and walking its cursors one item at a time visits every item of the first page, each once,
 * in the same order.
 */

const t = await testApp();
const doc = (await t.get("/openapi.json")).json;
const lists = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) => {
  const op = item.get;
  const schema = op?.responses?.["200"]?.content?.["application/json"]?.schema;
  const props = schema?.$ref ? doc.components.schemas[schema.$ref.split("/").pop()]?.properties : schema?.properties;
  return props?.data && props?.has_more && props?.next_cursor ? [{ id: op.operationId as string, path }] : [];
});

let w: FuzzWorld;
beforeAll(async () => {
  w = await fuzzWorld(t);
}, 60_000);
afterAll(() => t.close());

const withQuery = (path: string, q: string) => `${path}${path.includes("?") ? "&" : "?"}${q}`;
/** An item's identity in a page: its id, else the whole item (leaderboard rows have none of their own). */
const key = (item: Record<string, unknown>) => String(item.id ?? JSON.stringify(item));

describe("pagination on every list of the contract", () => {
  it("bounds limit, and its cursors walk the list one item at a time without gaps or repeats", async () => {
    expect(lists.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    let walked = 0;
    for (const op of lists) {
      const path = filledPath(w, op);
      if (!path) continue;
      const auth = w.callers.admin;
      const whole = await t.get(path, { auth });
      if (whole.status !== 200) continue;
      if (whole.json.data.length > 20) wrong.push(`${op.id}: ${whole.json.data.length} items by default`);
      for (const bad of ["0", "101", "x"]) {
        const res = await t.get(withQuery(path, `limit=${bad}`), { auth });
        if (res.status !== 400 || res.headers.get("content-type") !== "application/problem+json") wrong.push(`${op.id}: limit=${bad} answered ${res.status}`);
      }
      if ((await t.get(withQuery(path, "limit=100"), { auth })).status !== 200) wrong.push(`${op.id}: limit=100 refused`);
      const expected = whole.json.data.map(key);
      const seen: string[] = [];
      let url = withQuery(path, "limit=1");
      for (let page = 0; page < expected.length + 1; page++) {
        const res = await t.get(url, { auth });
        if (res.status !== 200 || res.json.data.length > 1) {
          wrong.push(`${op.id}: page ${page} answered ${res.status} with ${res.json?.data?.length} items`);
          break;
        }
        seen.push(...res.json.data.map(key));
        if (!res.json.has_more) break;
        url = withQuery(path, `limit=1&cursor=${encodeURIComponent(res.json.next_cursor)}`);
      }
      if (!whole.json.has_more && JSON.stringify(seen) !== JSON.stringify(expected)) wrong.push(`${op.id}: walked ${seen.length} of ${expected.length}, or out of order`);
      if (expected.length > 1) walked++;
    }
    expect(wrong).toEqual([]);
    // Lists with more than one item were really walked, not only empty ones.
    expect(walked).toBeGreaterThan(10);
  });
});
