import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { areaTree, postTask, refresh, taskBody, volunteer } from "./factories.ts";

let t: TestApp;
let county: Tenant;
let tree: Awaited<ReturnType<typeof areaTree>>;
let officer: { id: string; token: string; subject: string };

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county);
  officer = await county.user("officer", { areaIds: [tree.community.id] });
});
beforeEach(async () => void (officer = await refresh(t, county, officer)));
afterAll(() => t.close());

const HOUR = 3_600_000;
const outboxOf = async (type: string) =>
  (await t.deps.client.execute({ sql: "SELECT payload FROM outbox WHERE type = ? ORDER BY id", args: [type] })).rows.map((r) => JSON.parse(String(r.payload)));

describe("posting tasks", () => {
  it("an officer posts in their area; not in another town; volunteers and residents cannot post", async () => {
    const res = await t.post("/v1/tasks", taskBody(t, tree.grid), { auth: officer.token });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`/v1/tasks/${res.json.id}`);
    expect(res.json).toMatchObject({ status: "open", capacity: 5, slots_left: 5, urgent: false, no_show_penalty: 10 });
    expect((await t.post("/v1/tasks", taskBody(t, tree.otherGrid), { auth: officer.token })).status).toBe(403);
    const v = await volunteer(t, county);
    expect((await t.post("/v1/tasks", taskBody(t, tree.grid), { auth: v.token })).status).toBe(403);
    const appKey = await county.key("app");
    expect((await t.post("/v1/tasks", taskBody(t, tree.grid), { auth: appKey.secret })).status).toBe(403);
  });

  it("refuses a window that ends before it starts, and an unknown area", async () => {
    const start = t.deps.now() + HOUR;
    const bad = await t.post("/v1/tasks", taskBody(t, tree.grid, { starts_at: new Date(start).toISOString(), ends_at: new Date(start).toISOString() }), { auth: officer.token });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].pointer).toBe("/body/ends_at");
    const nowhere = await t.post("/v1/tasks", { ...taskBody(t, tree.grid), area_id: "area_nope" }, { auth: officer.token });
    expect(nowhere.status).toBe(400);
  });

  it("a missing-person search is urgent: task.urgent carries the area so its volunteers can be told at once", async () => {
    const task = await postTask(t, officer.token, tree.grid, { kind: "missing_person_search", title: "寻找走失老人", capacity: 100 });
    expect(task.urgent).toBe(true);
    const urgent = await outboxOf("task.urgent");
    expect(urgent).toContainEqual(expect.objectContaining({ task_id: task.id, area_id: tree.grid.id, area_path: tree.grid.path, kind: "missing_person_search" }));
    const patrol = await postTask(t, officer.token, tree.grid);
    expect((await outboxOf("task.urgent")).map((p) => p.task_id)).not.toContain(patrol.id);
    expect((await outboxOf("task.published")).map((p) => p.task_id)).toEqual(expect.arrayContaining([task.id, patrol.id]));
  });

  it("every kind the seeds describe can be posted and read back; only a missing-person search is urgent by its nature", async () => {
    const kinds = ["patrol", "missing_person_search", "publicity", "event_security", "info_check", "mediation_support", "other"];
    for (const kind of kinds) {
      const task = await postTask(t, officer.token, tree.grid, { kind });
      const read = (await t.get(`/v1/tasks/${task.id}`, { auth: officer.token })).json;
      expect(read, kind).toMatchObject({ kind, status: "open", urgent: kind === "missing_person_search" });
      // Out of the way of the find-activities counts below.
      expect((await t.post(`/v1/tasks/${task.id}/cancel`, { reason: "测试" }, { auth: officer.token })).status).toBe(200);
    }
    expect((await t.post("/v1/tasks", taskBody(t, tree.grid, { kind: "cleanup" }), { auth: officer.token })).status).toBe(400);
  });

  it("a draft is invisible to volunteers and says nothing until published; publishing an urgent draft broadcasts then", async () => {
    const draft = await postTask(t, officer.token, tree.grid, { publish: false, urgent: true });
    expect(draft.status).toBe("draft");
    const v = await volunteer(t, county);
    expect((await t.get(`/v1/tasks/${draft.id}`, { auth: v.token })).status).toBe(404);
    expect((await outboxOf("task.urgent")).map((p) => p.task_id)).not.toContain(draft.id);
    const pub = await t.post(`/v1/tasks/${draft.id}/publish`, undefined, { auth: officer.token });
    expect(pub.status).toBe(200);
    expect(pub.json.status).toBe("open");
    expect((await outboxOf("task.urgent")).map((p) => p.task_id)).toContain(draft.id);
    const again = await t.post(`/v1/tasks/${draft.id}/publish`, undefined, { auth: officer.token });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ status: 409, status_now: "open" });
  });

  it("is in progress once started, can be completed then, and cancelled tasks say why", async () => {
    const task = await postTask(t, officer.token, tree.grid);
    expect((await t.post(`/v1/tasks/${task.id}/complete`, undefined, { auth: officer.token })).status).toBe(409);
    const before = t.deps.now();
    t.clock.set(Date.parse(task.starts_at));
    officer = await refresh(t, county, officer);
    expect((await t.get(`/v1/tasks/${task.id}`, { auth: officer.token })).json.status).toBe("in_progress");
    expect((await t.post(`/v1/tasks/${task.id}/complete`, undefined, { auth: officer.token })).json.status).toBe("completed");
    t.clock.set(before);
    officer = await refresh(t, county, officer);
    const other = await postTask(t, officer.token, tree.grid);
    const cancelled = await t.post(`/v1/tasks/${other.id}/cancel`, { reason: "暴雨预警" }, { auth: officer.token });
    expect(cancelled.json).toMatchObject({ status: "cancelled", cancel_reason: "暴雨预警", accepting_signups: false });
    expect(await outboxOf("task.cancelled")).toContainEqual(expect.objectContaining({ task_id: other.id }));
  });
});

describe("find activities (找活动)", () => {
  let near: { id: string }, mid: { id: string }, far: { id: string }, other: { id: string }, later: { id: string };
  let county2: Tenant;
  beforeAll(async () => {
    const off = await refresh(t, county, officer);
    const boss = await county.user("officer", { areaIds: [tree.root.id] });
    const base = { lat: 35.0, lng: 110.5 }; // ~40 km from the grids the other tests post at
    const at = (metresNorth: number) => ({ lat: base.lat + metresNorth / 111_195, lng: base.lng });
    const start = t.deps.now() + 50 * HOUR;
    const window = (h: number) => ({ starts_at: new Date(start + h * HOUR).toISOString(), ends_at: new Date(start + (h + 1) * HOUR).toISOString() });
    near = await postTask(t, off.token, tree.grid, { location: at(100), title: "near", ...window(3) });
    mid = await postTask(t, off.token, tree.grid2, { location: at(1500), title: "mid", kind: "publicity", ...window(1) });
    far = await postTask(t, boss.token, tree.otherGrid, { location: at(8000), title: "far", ...window(2) });
    other = await postTask(t, off.token, tree.grid, { location: at(200), title: "info", kind: "info_check", ...window(0) });
    later = await postTask(t, off.token, tree.grid, { location: at(300), title: "later", ...window(200) });
    // Another tenant's task at the same spot must never show up.
    county2 = await tenant(t);
    const tree2 = await areaTree(t, county2);
    const off2 = await county2.user("officer", { areaIds: [tree2.root.id] });
    await postTask(t, off2.token, tree2.grid, { location: at(50), title: "foreign" });
  });

  const find = async (query: string, token?: string) => {
    const res = await t.get(`/v1/tasks?${query}`, { auth: token ?? officer.token });
    expect(res.status, res.text).toBe(200);
    return res.json as { data: { id: string; title: string; distance_m?: number }[]; has_more: boolean; next_cursor: string | null };
  };

  it("by distance from a point: within the radius, nearest first, with distances", async () => {
    const res = await find("lat=35.0&lng=110.5&within_m=2000&sort=distance");
    expect(res.data.map((x) => x.title)).toEqual(["near", "info", "later", "mid"]);
    expect(res.data[0]!.distance_m).toBe(100);
    expect(res.data.map((x) => x.id)).not.toContain(far.id);
    expect((await find("lat=35.0&lng=110.5&within_m=10000&sort=distance")).data.map((x) => x.title)).toContain("far");
  });

  it("pages through the distance order with a cursor, without repeats or gaps", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await find(`lat=35.0&lng=110.5&within_m=10000&sort=distance&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.data.map((x) => x.title));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["near", "info", "later", "mid", "far"]);
  });

  it("by start time (the default), by kind, by area with its grids, and by time range", async () => {
    const byStart = await find("lat=35.0&lng=110.5&within_m=10000");
    expect(byStart.data.map((x) => x.title)).toEqual(["info", "mid", "far", "near", "later"]);
    expect((await find("kind=publicity,info_check")).data.map((x) => x.id).sort()).toEqual([mid.id, other.id].sort());
    const community = (await find(`area_id=${tree.community.id}`)).data.map((x) => x.id);
    expect(community).toEqual(expect.arrayContaining([near.id, mid.id, other.id, later.id]));
    expect(community).not.toContain(far.id);
    expect((await find(`area_id=${tree.grid2.id}`)).data.map((x) => x.id)).toEqual([mid.id]);
    const window = await find(`area_id=${tree.community.id}&to=${encodeURIComponent(new Date(t.deps.now() + 100 * HOUR).toISOString())}&from=${encodeURIComponent(new Date(t.deps.now() + 51 * HOUR + 1).toISOString())}`);
    expect(window.data.map((x) => x.title)).toEqual(["mid", "near"]);
  });

  it("shows volunteers their own sign-up; never another tenant's tasks; distance sort needs a point", async () => {
    const v = await volunteer(t, county);
    await t.post(`/v1/tasks/${near.id}/signups`, undefined, { auth: v.token });
    const res = await t.get("/v1/tasks?lat=35.0&lng=110.5&within_m=500&sort=distance", { auth: v.token });
    expect(res.json.data.map((x: { title: string }) => x.title)).not.toContain("foreign");
    expect(res.json.data.find((x: { id: string }) => x.id === near.id).my_signup).toMatchObject({ status: "confirmed" });
    expect(res.json.data.find((x: { id: string }) => x.id === other.id).my_signup).toBeNull();
    expect((await t.get("/v1/tasks?sort=distance", { auth: v.token })).status).toBe(400);
    expect((await t.get("/v1/tasks?lat=35.2", { auth: v.token })).status).toBe(400);
  });

  it("full tasks drop out of the default list but are found with status=full", async () => {
    const small = await postTask(t, officer.token, tree.grid, { capacity: 1, title: "small" });
    const v = await volunteer(t, county);
    await t.post(`/v1/tasks/${small.id}/signups`, undefined, { auth: v.token });
    expect((await find(`area_id=${tree.grid.id}`)).data.map((x) => x.id)).not.toContain(small.id);
    expect((await find(`area_id=${tree.grid.id}&status=full`)).data.map((x) => x.id)).toEqual([small.id]);
  });
});
