import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { alertBody, areaTree, households_, publishedAlert, resident, staff, type Tree } from "./factories.ts";

let t: TestApp;
let county: Tenant;
let tree: Tree;
let dispatcher: { id: string; token: string };
let officerA1: { id: string; token: string };

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county.id);
  dispatcher = await staff(t, county, "dispatcher");
  officerA1 = await staff(t, county, "officer", [tree.a1.id]);
});
afterAll(() => t.close());

describe("who may author alerts", () => {
  it("a resident cannot draft or publish, even through a key that allows alerts:write", async () => {
    const r = await resident(t, county, [tree.a1a.id]);
    const draft = await t.post("/v1/alerts", alertBody({ area_ids: [tree.a1.id] }), { auth: r.token });
    expect(draft.status).toBe(403);
    const real = await t.post("/v1/alerts", alertBody({ area_ids: [tree.a1.id] }), { auth: dispatcher.token });
    const pub = await t.post(`/v1/alerts/${real.json.id}/publish`, undefined, { auth: r.token });
    expect(pub.status).toBe(403);
    expect((await t.get(`/v1/alerts/${real.json.id}`, { auth: dispatcher.token })).json.status).toBe("draft");
  });

  it("a kiosk key cannot author alerts", async () => {
    const kiosk = await county.key("kiosk");
    expect((await t.post("/v1/alerts", alertBody({ area_ids: [tree.a1.id] }), { auth: kiosk.secret })).status).toBe(403);
  });

  it("an officer alerts only the areas they serve, and never the whole jurisdiction", async () => {
    expect((await t.post("/v1/alerts", alertBody({ area_ids: [tree.a1a.id] }), { auth: officerA1.token })).status).toBe(201);
    expect((await t.post("/v1/alerts", alertBody({ area_ids: [tree.b1.id] }), { auth: officerA1.token })).status).toBe(403);
    expect((await t.post("/v1/alerts", alertBody({ whole_jurisdiction: true }), { auth: officerA1.token })).status).toBe(403);
    expect((await t.post("/v1/alerts", alertBody({ whole_jurisdiction: true }), { auth: dispatcher.token })).status).toBe(201);
  });

  it("validates the target and the times with pointers", async () => {
    const none = await t.post("/v1/alerts", alertBody(), { auth: dispatcher.token });
    expect(none.status).toBe(400);
    expect(none.json.errors[0].pointer).toBe("/body/area_ids");
    const unknown = await t.post("/v1/alerts", alertBody({ area_ids: ["area_nope"] }), { auth: dispatcher.token });
    expect(unknown.status).toBe(400);
    const backwards = await t.post(
      "/v1/alerts",
      alertBody({ area_ids: [tree.a1.id], effective_at: "2026-03-05T00:00:00Z", expires_at: "2026-03-04T00:00:00Z" }),
      { auth: dispatcher.token },
    );
    expect(backwards.status).toBe(400);
    expect(backwards.json.errors[0].pointer).toBe("/body/expires_at");
  });
});

describe("draft → published → updated → cancelled", () => {
  it("edits a draft only with the current ETag", async () => {
    const draft = await t.post("/v1/alerts", alertBody({ area_ids: [tree.a1.id] }), { auth: dispatcher.token });
    const etag = draft.headers.get("etag")!;
    const ok = await t.patch(`/v1/alerts/${draft.json.id}`, { title_zh: "新标题" }, { auth: dispatcher.token, headers: { "if-match": etag } });
    expect(ok.status).toBe(200);
    expect(ok.json.title_zh).toBe("新标题");
    const stale = await t.patch(`/v1/alerts/${draft.json.id}`, { title_zh: "又一个" }, { auth: dispatcher.token, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
  });

  it("chains versions and refuses transitions from the wrong state", async () => {
    const v1 = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a1.id] });
    expect(v1).toMatchObject({ status: "published", msg_type: "Alert", version: 1, chain_id: v1.id, sent_at: "2026-03-02T01:00:00.000Z" });
    expect((await t.post(`/v1/alerts/${v1.id}/publish`, undefined, { auth: dispatcher.token })).status).toBe(409);
    expect((await t.patch(`/v1/alerts/${v1.id}`, { title_zh: "x" }, { auth: dispatcher.token })).status).toBe(409);

    t.clock.advance(60_000);
    const v2 = await t.post(`/v1/alerts/${v1.id}/update`, { severity: "Extreme", note: "补充作案手法" }, { auth: dispatcher.token });
    expect(v2.status).toBe(201);
    expect(v2.json).toMatchObject({ msg_type: "Update", version: 2, chain_id: v1.id, supersedes_id: v1.id, severity: "Extreme", status: "published" });
    expect(v2.json.title_zh).toBe(v1.title_zh);
    const old = await t.get(`/v1/alerts/${v1.id}`, { auth: dispatcher.token });
    expect(old.json).toMatchObject({ status: "superseded", superseded_by_id: v2.json.id });

    // The superseded version cannot be updated or cancelled: act on the current one.
    const stale = await t.post(`/v1/alerts/${v1.id}/cancel`, {}, { auth: dispatcher.token });
    expect(stale.status).toBe(409);
    expect(stale.json.current_id).toBe(v2.json.id);

    const cancel = await t.post(`/v1/alerts/${v2.json.id}/cancel`, { note: "误报" }, { auth: dispatcher.token });
    expect(cancel.status).toBe(201);
    expect(cancel.json).toMatchObject({ msg_type: "Cancel", status: "cancelled", version: 3, supersedes_id: v2.json.id, note: "误报" });
    expect((await t.post(`/v1/alerts/${cancel.json.id}/update`, { title_zh: "x" }, { auth: dispatcher.token })).status).toBe(409);

    const chain = await t.get(`/v1/alerts?chain_id=${v1.id}`, { auth: dispatcher.token });
    expect(chain.json.data.map((a: { version: number; status: string }) => [a.version, a.status])).toEqual([
      [3, "cancelled"],
      [2, "superseded"],
      [1, "superseded"],
    ]);
  });

  it("of two concurrent updates exactly one wins", async () => {
    const v1 = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a2.id] });
    const results = await Promise.all([
      t.post(`/v1/alerts/${v1.id}/update`, { title_zh: "甲" }, { auth: dispatcher.token }),
      t.post(`/v1/alerts/${v1.id}/update`, { title_zh: "乙" }, { auth: dispatcher.token }),
      t.post(`/v1/alerts/${v1.id}/cancel`, {}, { auth: dispatcher.token }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const chain = await t.get(`/v1/alerts?chain_id=${v1.id}`, { auth: dispatcher.token });
    expect(chain.json.data).toHaveLength(2);
  });

  it("presents a published alert past its expiry as expired", async () => {
    const a = await publishedAlert(t, dispatcher.token, { area_ids: [tree.b1.id], expires_at: "2026-03-02T03:00:00Z" });
    expect(a.status).toBe("published");
    t.clock.advance(3 * 3_600_000);
    dispatcher = await staff(t, county, "dispatcher"); // tokens last 15 minutes by the same clock
    expect((await t.get(`/v1/alerts/${a.id}`, { auth: dispatcher.token })).json.status).toBe("expired");
    const expired = await t.get("/v1/alerts?status=expired", { auth: dispatcher.token });
    expect(expired.json.data.map((x: { id: string }) => x.id)).toContain(a.id);
  });

  it("refuses to publish an alert that has already expired", async () => {
    const draft = await t.post("/v1/alerts", alertBody({ area_ids: [tree.b1.id], expires_at: "2026-01-01T00:00:00Z" }), { auth: dispatcher.token });
    expect(draft.status).toBe(201);
    expect((await t.post(`/v1/alerts/${draft.json.id}/publish`, undefined, { auth: dispatcher.token })).status).toBe(422);
  });

  it("hides drafts and the management list from residents", async () => {
    const r = await resident(t, county, [tree.a1a.id]);
    const draft = await t.post("/v1/alerts", alertBody({ area_ids: [tree.a1.id] }), { auth: dispatcher.token });
    expect((await t.get(`/v1/alerts/${draft.json.id}`, { auth: r.token })).status).toBe(404);
    expect((await t.get("/v1/alerts", { auth: r.token })).status).toBe(403);
  });

  it("never shows one tenant's alerts to another", async () => {
    const other = await tenant(t);
    const otherDispatcher = await staff(t, other, "dispatcher");
    const a = await publishedAlert(t, dispatcher.token, { whole_jurisdiction: true });
    expect((await t.get(`/v1/alerts/${a.id}`, { auth: otherDispatcher.token })).status).toBe(404);
    expect((await t.post(`/v1/alerts/${a.id}/cancel`, {}, { auth: otherDispatcher.token })).status).toBe(404);
  });

  it("writes outbox events for publish, update and cancel", async () => {
    const a = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a2a.id] });
    const u = await t.post(`/v1/alerts/${a.id}/update`, { title_zh: "更新" }, { auth: dispatcher.token });
    await t.post(`/v1/alerts/${u.json.id}/cancel`, {}, { auth: dispatcher.token });
    const rows = await t.deps.client.execute({ sql: "SELECT type, payload FROM outbox WHERE payload LIKE ? ORDER BY rowid", args: [`%${a.id}%`] });
    expect(rows.rows.map((r) => r.type)).toEqual(["alert.published", "alert.updated", "alert.cancelled"]);
  });
});

describe("publishing costs the same for any audience", () => {
  /** Rows in every table of the database, by table. */
  async function rowCounts() {
    const tables = await t.deps.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'");
    const out: Record<string, number> = {};
    for (const { name } of tables.rows) out[String(name)] = Number((await t.deps.client.execute(`SELECT count(*) AS n FROM "${name}"`)).rows[0]!.n);
    return out;
  }
  async function rowsWrittenByPublish(areaId: string) {
    const draft = await t.post("/v1/alerts", alertBody({ area_ids: [areaId] }), { auth: dispatcher.token });
    const before = await rowCounts();
    expect((await t.post(`/v1/alerts/${draft.json.id}/publish`, undefined, { auth: dispatcher.token })).status).toBe(200);
    const after = await rowCounts();
    return Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]).filter(([, d]) => d !== 0));
  }

  it("one target row per area and no row per recipient, for one household or two hundred", async () => {
    await households_(t, county.id, tree.b1a.id, 1);
    await households_(t, county.id, tree.a2a.id, 200);
    const small = await rowsWrittenByPublish(tree.b1a.id);
    const large = await rowsWrittenByPublish(tree.a2a.id);
    expect(large).toEqual(small);
    expect(small.alert_targets).toBe(1);
    expect(small.alert_receipts ?? 0).toBe(0);
  });
});
