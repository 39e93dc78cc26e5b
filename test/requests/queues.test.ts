import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { world, type World } from "./factories.ts";
import { file, step, type Req } from "./helpers.ts";

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
});
afterAll(() => t.close());
beforeEach(() => w.refresh());

const ids = (res: { json: { data: Req[] } }) => res.json.data.map((r) => r.id);

/** Walks every page of a list and returns all ids, checking pages never overlap. */
async function allPages(path: string, auth: string, limit = 2) {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res = await t.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, { auth });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data.length).toBeLessThanOrEqual(limit);
    seen.push(...ids(res));
    cursor = res.json.next_cursor;
  } while (cursor);
  expect(new Set(seen).size).toBe(seen.length);
  return seen;
}

describe("queues and filters", () => {
  it("the desk's inbox: waiting requests only, emergencies first, then oldest first, across pages", async () => {
    const normalOld = await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id });
    t.clock.advance(60_000);
    const emergency = await file(t, w.resident.token, { service_code: "report", attributes: { incident_type: "theft", happening_now: "yes" }, area_id: w.grid.id });
    t.clock.advance(60_000);
    const normalNew = await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id });
    const urgent = await file(t, w.dispatcher.token, { service_code: "noise", attributes: { source: "shop" }, urgency: "urgent", channel: "phone" });
    const gone = await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" } }), "dispatch");
    const inbox = await allPages("/v1/requests/inbox", w.dispatcher.token);
    expect(inbox).toEqual([emergency.id, urgent.id, normalOld.id, normalNew.id]);
    expect(inbox).not.toContain(gone.id);
    expect((await t.get("/v1/requests/inbox", { auth: w.urbanStaff.token })).status).toBe(403);
    expect((await t.get("/v1/requests/inbox", { auth: w.resident.token })).status).toBe(403);
    // Clear the desk for the tests below.
    for (const id of inbox) await step(t, w.dispatcher.token, { id, version: 1 }, "mark-invalid", { reason: "测试" });
  });

  it("an agency's queue: its requests, soonest due first; other agencies' staff may not read it", async () => {
    const since = new Date(t.clock.now() + 1).toISOString();
    t.clock.advance(1000);
    const drain = await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "blocked-drain", attributes: { location_type: "street" }, area_id: w.grid.id }), "dispatch");
    const parking = await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "fire-lane-parking", area_id: w.grid.id }), "dispatch");
    const elsewhere = await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" } }), "dispatch", { agency_id: w.housing.id });
    const queue = await allPages(`/v1/requests/queue?created_from=${since}`, w.urbanStaff.token);
    expect(queue).toEqual([parking.id, drain.id]); // 4 h before 48 h
    expect(queue).not.toContain(elsewhere.id);
    const forDesk = await t.get(`/v1/requests/queue?agency_id=${w.housing.id}`, { auth: w.dispatcher.token });
    expect(ids(forDesk)).toEqual([elsewhere.id]);
    expect((await t.get(`/v1/requests/queue?agency_id=${w.housing.id}`, { auth: w.urbanStaff.token })).status).toBe(403);
  });

  it("filters by area include descendants, and combine with status, channel, service, group and dates", async () => {
    const since = new Date(t.clock.now() + 1).toISOString();
    t.clock.advance(1000);
    const inGrid = await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id });
    const inOther = await file(t, w.dispatcher.token, { service_code: "wildlife", attributes: { animal: "snake" }, area_id: w.otherGrid.id, channel: "phone" });
    const desk = w.dispatcher.token;
    for (const area of [w.grid, w.community, w.town, w.root]) {
      const res = await allPages(`/v1/requests?area_id=${area.id}&created_from=${since}`, desk, 100);
      expect(res).toContain(inGrid.id);
      expect(res.includes(inOther.id)).toBe(area === w.root);
    }
    expect(await allPages(`/v1/requests?area_id=${w.otherTown.id}&created_from=${since}`, desk)).toEqual([inOther.id]);
    expect(await allPages(`/v1/requests?channel=phone&created_from=${since}`, desk)).toEqual([inOther.id]);
    expect(await allPages(`/v1/requests?service_code=noise&created_from=${since}`, desk)).toEqual([inGrid.id]);
    expect(await allPages(`/v1/requests?group=help&created_from=${since}`, desk)).toEqual([inOther.id]);
    expect(await allPages(`/v1/requests?status=submitted,dispatched&created_from=${since}`, desk)).toEqual([inOther.id, inGrid.id]);
    expect(await allPages(`/v1/requests?created_to=${since}&service_code=wildlife`, desk)).toEqual([]);
    const bad = await t.get("/v1/requests?status=lost", { auth: desk });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].pointer).toBe("/query/status");
    const badCursor = await t.get("/v1/requests?cursor=nonsense", { auth: desk });
    expect(badCursor.status).toBe(400);
  });

  it("staff see their agency's and their areas' requests; the newest-first list pages completely", async () => {
    const all = await allPages("/v1/requests", w.dispatcher.token, 3);
    const total = Number((await t.deps.client.execute("SELECT count(*) AS n FROM service_requests")).rows[0]!.n);
    expect(all).toHaveLength(total);
    const officer = await allPages("/v1/requests", w.officer.token, 100);
    const rows = await t.deps.client.execute({ sql: "SELECT id FROM service_requests WHERE area_path LIKE ? OR agency_id = ?", args: [`${w.grid.path}%`, w.station.id] });
    expect([...officer].sort()).toEqual(rows.rows.map((r) => String(r.id)).sort());
  });

  it("overdue: past a due time and not resolved, most overdue first; residents may not read it", async () => {
    const late = await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "fire-lane-parking", area_id: w.grid.id }), "dispatch");
    t.clock.advance(31 * 60_000); // first response (30 min) missed
    await w.refresh();
    const overdue = await allPages("/v1/requests/overdue", w.dispatcher.token, 100);
    expect(overdue).toContain(late.id);
    const accepted = await step(t, w.urbanStaff.token, late, "accept");
    expect(await allPages("/v1/requests/overdue", w.dispatcher.token, 100)).not.toContain(late.id);
    t.clock.advance(4 * 3_600_000);
    await w.refresh();
    expect(await allPages("/v1/requests/overdue", w.urbanStaff.token, 100)).toContain(accepted.id);
    expect((await t.get("/v1/requests/overdue", { auth: w.resident.token })).status).toBe(403);
  });
});
