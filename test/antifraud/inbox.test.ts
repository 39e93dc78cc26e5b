import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { areaTree, household, households_, publishedAlert, resident, staff, type Tree } from "./factories.ts";

let t: TestApp;
let county: Tenant;
let tree: Tree;
let dispatcher: { token: string };

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county.id);
  dispatcher = await staff(t, county, "dispatcher");
});
afterAll(() => t.close());

const ids = (page: { data: { id: string }[] }) => page.data.map((a) => a.id);

describe("targeting through the area tree", () => {
  it("an alert for a town reaches every grid under it and nothing outside", async () => {
    const townAlert = await publishedAlert(t, dispatcher.token, { area_ids: [tree.townA.id], title_zh: "柳塘镇" });
    const gridAlert = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a1b.id], title_zh: "桃园二网格" });
    const everyone = await publishedAlert(t, dispatcher.token, { whole_jurisdiction: true, title_zh: "全县" });

    const inA1a = await resident(t, county, [tree.a1a.id]);
    const inA1b = await resident(t, county, [tree.a1b.id]);
    const inB1a = await resident(t, county, [tree.b1a.id]);
    const nowhere = await resident(t, county);

    const seen = async (token: string) => ids((await t.get("/v1/alerts/inbox", { auth: token })).json);
    expect(new Set(await seen(inA1a.token))).toEqual(new Set([townAlert.id, everyone.id]));
    expect(new Set(await seen(inA1b.token))).toEqual(new Set([townAlert.id, gridAlert.id, everyone.id]));
    expect(new Set(await seen(inB1a.token))).toEqual(new Set([everyone.id]));
    expect(new Set(await seen(nowhere.token))).toEqual(new Set([everyone.id]));
    // A resident without registered areas can read for the grid of a doorplate they scanned.
    const placed = ids((await t.get(`/v1/alerts/inbox?area_id=${tree.a1b.id}`, { auth: nowhere.token })).json);
    expect(new Set(placed)).toEqual(new Set([townAlert.id, gridAlert.id, everyone.id]));
  });

  it("a kiosk reads for its area, a household for its grid by doorplate code", async () => {
    const a = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a2.id], title_zh: "红岩村" });
    const kiosk = await county.key("kiosk");
    expect(ids((await t.get(`/v1/alerts/inbox?area_id=${tree.a2a.id}`, { auth: kiosk.secret })).json)).toContain(a.id);
    expect(ids((await t.get(`/v1/alerts/inbox?area_id=${tree.b1.id}`, { auth: kiosk.secret })).json)).not.toContain(a.id);

    const home = await household(t, county.id, tree.a2a.id);
    const away = await household(t, county.id, tree.a1a.id);
    expect(ids((await t.get(`/v1/doorplates/${home.doorplateCode}/alerts`)).json)).toContain(a.id);
    expect(ids((await t.get(`/v1/doorplates/${away.doorplateCode}/alerts`)).json)).not.toContain(a.id);
    expect((await t.get(`/v1/doorplates/dp_no-such-doorplate/alerts`)).status).toBe(404);
  });

  it("an alert aimed at two nested areas is listed once", async () => {
    const a = await publishedAlert(t, dispatcher.token, { area_ids: [tree.b1.id, tree.b1a.id] });
    const r = await resident(t, county, [tree.b1a.id]);
    const page = (await t.get("/v1/alerts/inbox", { auth: r.token })).json;
    expect(ids(page).filter((id) => id === a.id)).toHaveLength(1);
  });

  it("only the current version is listed: updates replace, cancellations remove", async () => {
    const r = await resident(t, county, [tree.a1a.id]);
    const v1 = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a1.id] });
    // Read once first, so the first version's content has been seen (and kept) by the server.
    expect(ids((await t.get("/v1/alerts/inbox", { auth: r.token })).json)).toContain(v1.id);
    const v2 = (await t.post(`/v1/alerts/${v1.id}/update`, { title_zh: "更正" }, { auth: dispatcher.token })).json;
    const page = (await t.get("/v1/alerts/inbox", { auth: r.token })).json;
    let inbox = ids(page);
    expect(inbox).toContain(v2.id);
    expect(inbox).not.toContain(v1.id);
    expect(page.data.find((a: { id: string }) => a.id === v2.id)).toMatchObject({ title_zh: "更正", version: 2, msg_type: "Update" });
    await t.post(`/v1/alerts/${v2.id}/cancel`, {}, { auth: dispatcher.token });
    inbox = ids((await t.get("/v1/alerts/inbox", { auth: r.token })).json);
    expect(inbox).not.toContain(v2.id);
  });

  it("is not shown before it takes effect or after it expires", async () => {
    const later = await publishedAlert(t, dispatcher.token, {
      area_ids: [tree.b1.id],
      effective_at: "2026-03-02T01:05:00Z",
      expires_at: "2026-03-02T01:10:00Z",
    });
    const r = await resident(t, county, [tree.b1a.id]);
    const listed = async () => ids((await t.get("/v1/alerts/inbox", { auth: r.token })).json).includes(later.id);
    expect(await listed()).toBe(false);
    t.clock.advance(6 * 60_000);
    expect(await listed()).toBe(true);
    t.clock.advance(5 * 60_000);
    expect(await listed()).toBe(false);
  });
});

describe("receipts", () => {
  it("are idempotent, move forward only, and put unread alerts first", async () => {
    dispatcher = await staff(t, county, "dispatcher");
    const r = await resident(t, county, [tree.a2a.id]);
    const older = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a2a.id], title_zh: "旧" });
    t.clock.advance(1_000);
    const newer = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a2a.id], title_zh: "新" });

    let page = (await t.get("/v1/alerts/inbox", { auth: r.token })).json;
    expect(ids(page).slice(0, 2)).toEqual([newer.id, older.id]);
    expect(page.data[0]).toMatchObject({ unread: true, receipt: null });

    const first = await t.post(`/v1/alerts/${newer.id}/receipts`, { status: "read" }, { auth: r.token });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ alert_id: newer.id, read_at: first.json.delivered_at, acknowledged_at: null });
    t.clock.advance(5_000);
    const again = await t.post(`/v1/alerts/${newer.id}/receipts`, { status: "read" }, { auth: r.token });
    expect(again.json).toEqual(first.json);
    const delivered = await t.post(`/v1/alerts/${newer.id}/receipts`, { status: "delivered" }, { auth: r.token });
    expect(delivered.json.read_at).toBe(first.json.read_at);
    const ack = await t.post(`/v1/alerts/${newer.id}/receipts`, { status: "acknowledged" }, { auth: r.token });
    expect(ack.json).toMatchObject({ delivered_at: first.json.delivered_at, read_at: first.json.read_at });
    expect(ack.json.acknowledged_at).not.toBeNull();

    page = (await t.get("/v1/alerts/inbox", { auth: r.token })).json;
    const order = ids(page);
    expect(order.indexOf(older.id)).toBeLessThan(order.indexOf(newer.id));
    expect(page.data.find((a: { id: string }) => a.id === newer.id)).toMatchObject({ unread: false });
  });

  it("page through unread then read alerts with the cursor, each exactly once", async () => {
    const r = await resident(t, county, [tree.b1a.id]);
    const before = ids((await t.get("/v1/alerts/inbox?limit=100", { auth: r.token })).json);
    const mine: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1_000);
      mine.push((await publishedAlert(t, dispatcher.token, { area_ids: [tree.b1a.id], title_zh: `第${i}条` })).id);
    }
    await t.post("/v1/alerts/receipts", { alert_ids: [mine[1], mine[3]], status: "read" }, { auth: r.token });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { data: { id: string; unread: boolean }[]; next_cursor: string | null } } = await t.get(`/v1/alerts/inbox?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { auth: r.token });
      seen.push(...page.json.data.map((a) => a.id));
      cursor = page.json.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(before.length + 5);
    expect(new Set(seen).size).toBe(seen.length);
    const mineInOrder = seen.filter((id) => mine.includes(id));
    expect(mineInOrder).toEqual([mine[4], mine[2], mine[0], mine[3], mine[1]]);
  });

  it("are only ever the caller's own", async () => {
    const a = await publishedAlert(t, dispatcher.token, { area_ids: [tree.townB.id] });
    const alice = await resident(t, county, [tree.b1a.id]);
    const bob = await resident(t, county, [tree.b1a.id]);
    expect((await t.post(`/v1/alerts/${a.id}/receipts`, { status: "read" }, { auth: alice.token })).status).toBe(200);
    // The reader cannot be named in the body.
    const spoof = await t.post(`/v1/alerts/${a.id}/receipts`, { status: "read", reader: bob.id }, { auth: alice.token });
    expect(spoof.status).toBe(400);
    const bobsView = (await t.get("/v1/alerts/inbox", { auth: bob.token })).json.data.find((x: { id: string }) => x.id === a.id);
    expect(bobsView).toMatchObject({ unread: true, receipt: null });
    // An alert that does not cover the reader takes no receipt from them.
    const elsewhere = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a1a.id] });
    expect((await t.post(`/v1/alerts/${elsewhere.id}/receipts`, { status: "read" }, { auth: alice.token })).status).toBe(404);
    // Nor does another tenant's reader, whatever the id.
    const other = await tenant(t);
    const stranger = await resident(t, other);
    expect((await t.post(`/v1/alerts/${a.id}/receipts`, { status: "read" }, { auth: stranger.token })).status).toBe(404);
  });

  it("a household marks by doorplate, and a kiosk syncs a batch", async () => {
    const a = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a1.id] });
    const b = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a1.id] });
    const home = await household(t, county.id, tree.a1b.id);
    const res = await t.post(`/v1/doorplates/${home.doorplateCode}/alerts/${a.id}/receipts`, { status: "acknowledged" });
    expect(res.status).toBe(200);
    expect(res.json.acknowledged_at).not.toBeNull();
    const mine = (await t.get(`/v1/doorplates/${home.doorplateCode}/alerts`)).json.data.find((x: { id: string }) => x.id === a.id);
    expect(mine.unread).toBe(false);

    const kiosk = await county.key("kiosk");
    const batch = await t.post("/v1/alerts/receipts", { alert_ids: [a.id, b.id, "alt_unknown"], status: "delivered", area_id: tree.a1.id }, { auth: kiosk.secret });
    expect(batch.status).toBe(200);
    expect(batch.json.recorded.map((r: { alert_id: string }) => r.alert_id)).toEqual([a.id, b.id]);
    expect(batch.json.not_found).toEqual(["alt_unknown"]);
  });

  it("an app key acting for itself has no inbox", async () => {
    const app = await county.key("app");
    expect((await t.get("/v1/alerts/inbox", { auth: app.secret })).status).toBe(403);
  });
});

describe("per-alert figures", () => {
  it("count the audience from households under the targets and receipts by area", async () => {
    await households_(t, county.id, tree.a1a.id, 3);
    await households_(t, county.id, tree.a1b.id, 2);
    await households_(t, county.id, tree.a2a.id, 4);
    await households_(t, county.id, tree.b1a.id, 7);
    const count = async (areaIds: string[]) => {
      const r = await t.deps.client.execute(
        `SELECT count(*) AS n FROM households h JOIN areas a ON a.id = h.area_id WHERE a.jurisdiction_id = '${county.id}' AND (${areaIds.map((id) => `a.path LIKE '%/${id}/%'`).join(" OR ")})`,
      );
      return Number(r.rows[0]!.n);
    };
    const a = await publishedAlert(t, dispatcher.token, { area_ids: [tree.townA.id] });
    const r1 = await resident(t, county, [tree.a1a.id]);
    const r2 = await resident(t, county, [tree.a2a.id]);
    await t.post(`/v1/alerts/${a.id}/receipts`, { status: "acknowledged" }, { auth: r1.token });
    await t.post(`/v1/alerts/${a.id}/receipts`, { status: "delivered" }, { auth: r2.token });
    await t.post(`/v1/alerts/${a.id}/receipts`, { status: "read" }, { auth: r2.token });
    const home = await household(t, county.id, tree.a2a.id);
    await t.post(`/v1/doorplates/${home.doorplateCode}/alerts/${a.id}/receipts`, { status: "delivered" });

    const stats = await t.get(`/v1/alerts/${a.id}/stats`, { auth: dispatcher.token });
    expect(stats.status).toBe(200);
    const audience = await count([tree.townA.id]);
    expect(stats.json).toMatchObject({ audience_estimate: audience, delivered: 3, read: 2, acknowledged: 1 });
    expect(stats.json.read_rate).toBeCloseTo(2 / 3, 4);
    expect(stats.json.by_reader_kind).toMatchObject({ resident: { delivered: 2, read: 2 }, household: { delivered: 1, read: 0 } });
    const byArea = Object.fromEntries(stats.json.by_area.map((r: { area_id: string }) => [r.area_id, r]));
    expect(Object.keys(byArea).sort()).toEqual([tree.a1.id, tree.a2.id].sort());
    expect(byArea[tree.a1.id]).toMatchObject({ audience_estimate: await count([tree.a1.id]), delivered: 1, read: 1, acknowledged: 1 });
    expect(byArea[tree.a2.id]).toMatchObject({ audience_estimate: await count([tree.a2.id]), delivered: 2, read: 1 });

    const grids = await t.get(`/v1/alerts/${a.id}/stats?level=grid`, { auth: dispatcher.token });
    expect(grids.json.by_area.map((r: { area_id: string }) => r.area_id).sort()).toEqual([tree.a1a.id, tree.a1b.id, tree.a2a.id].sort());
  });

  it("a resident who names another area reads its alerts but is counted at home; one placed nowhere, where they name", async () => {
    const a = await publishedAlert(t, dispatcher.token, { area_ids: [tree.townA.id] });
    const local = await resident(t, county, [tree.a1a.id]);
    const visitor = await resident(t, county);
    // Anyone can name any area: a resident of 桃园一网格 naming 红岩村's grid must not credit it with a read.
    expect((await t.post(`/v1/alerts/${a.id}/receipts`, { status: "read", area_id: tree.a2a.id }, { auth: local.token })).status).toBe(200);
    expect((await t.post(`/v1/alerts/${a.id}/receipts`, { status: "read", area_id: tree.a2a.id }, { auth: visitor.token })).status).toBe(200);
    const grids = await t.get(`/v1/alerts/${a.id}/stats?level=grid`, { auth: dispatcher.token });
    const byArea = Object.fromEntries(grids.json.by_area.map((r: { area_id: string }) => [r.area_id, r]));
    expect(byArea[tree.a1a.id]).toMatchObject({ delivered: 1, read: 1 });
    expect(byArea[tree.a2a.id]).toMatchObject({ delivered: 1, read: 1 });
    expect(grids.json).toMatchObject({ delivered: 2, read: 2 });
  });

  it("keep the household counts right as households move and go", async () => {
    const before = await t.deps.client.execute({ sql: "SELECT households FROM area_household_counts WHERE area_id = ?", args: [tree.b1a.id] });
    const h = await household(t, county.id, tree.b1a.id);
    await t.deps.client.execute({ sql: "UPDATE households SET area_id = ? WHERE id = ?", args: [tree.a1a.id, h.id] });
    await t.deps.client.execute({ sql: "DELETE FROM households WHERE id = ?", args: [h.id] });
    const after = await t.deps.client.execute({ sql: "SELECT households FROM area_household_counts WHERE area_id = ?", args: [tree.b1a.id] });
    expect(after.rows[0]!.households).toBe(before.rows[0]!.households);
    const truth = await t.deps.client.execute(
      "SELECT c.area_id, c.households, (SELECT count(*) FROM households h WHERE h.area_id = c.area_id) AS real FROM area_household_counts c",
    );
    for (const row of truth.rows) expect(row.households).toBe(row.real);
  });

  it("are for staff only", async () => {
    const a = await publishedAlert(t, dispatcher.token, { area_ids: [tree.a1.id] });
    const r = await resident(t, county, [tree.a1a.id]);
    expect((await t.get(`/v1/alerts/${a.id}/stats`, { auth: r.token })).status).toBe(403);
  });
});
