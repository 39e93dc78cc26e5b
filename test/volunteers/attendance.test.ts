import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeEndedTasks } from "../../worker/jobs/close-volunteer-tasks.ts";
import { EARTH_RADIUS_M } from "../../worker/lib/geo.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { areaTree, postTask, refresh, signUp, volunteer } from "./factories.ts";

let t: TestApp;
let county: Tenant;
let tree: Awaited<ReturnType<typeof areaTree>>;
type U = { id: string; token: string; subject: string };
let officer: U;

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county);
  officer = await county.user("officer", { areaIds: [tree.community.id] });
});
afterAll(() => t.close());

const MIN = 60_000;
/** A point `metres` due north of the grid centre: a pure latitude offset, so haversine gives back `metres`. */
const north = (metres: number) => ({ lat: tree.grid.lat + (metres / EARTH_RADIUS_M) * (180 / Math.PI), lng: tree.grid.lng });
const centre = () => ({ location: { lat: tree.grid.lat, lng: tree.grid.lng } });

/** Moves the app clock and gives everyone named a token valid at the new time. */
async function travel(ms: number, ...users: U[]): Promise<U[]> {
  t.clock.set(ms);
  officer = await refresh(t, county, officer);
  return Promise.all(users.map((u) => refresh(t, county, u)));
}

async function setup(overrides: Record<string, unknown> = {}) {
  officer = await refresh(t, county, officer);
  const task = await postTask(t, officer.token, tree.grid, { radius_m: 200, check_in_slack_minutes: 15, points_per_hour: 10, ...overrides });
  const v = await volunteer(t, county);
  const s = await signUp(t, v.token, task.id);
  expect(s.json.status).toBe("confirmed");
  return { task, v, signupId: s.json.id as string, start: Date.parse(task.starts_at), end: Date.parse(task.ends_at) };
}

const checkIn = (id: string, body: unknown, token: string) => t.post(`/v1/signups/${id}/check-in`, body, { auth: token });
const checkOut = (id: string, body: unknown, token: string) => t.post(`/v1/signups/${id}/check-out`, body, { auth: token });

describe("geofence", () => {
  it("admits a check-in just inside the radius and refuses one just outside, saying how far", async () => {
    const { v, signupId, start } = await setup();
    const [vol] = await travel(start, v);
    const outside = await checkIn(signupId, { location: north(200.5) }, vol!.token);
    expect(outside.status).toBe(422);
    expect(outside.json).toMatchObject({ reason: "outside_geofence", radius_m: 200 });
    expect(outside.json.distance_m).toBeGreaterThanOrEqual(200);
    const inside = await checkIn(signupId, { location: north(199.5) }, vol!.token);
    expect(inside.status).toBe(200);
    expect(inside.json).toMatchObject({ status: "checked_in", check_in_method: "geofence" });
  });

  it("measures east and west as it measures north: a check-in 250 m due east is outside a 200 m circle", async () => {
    const { v, signupId, start } = await setup();
    const [vol] = await travel(start, v);
    const east = (metres: number) => ({ lat: tree.grid.lat, lng: tree.grid.lng + ((metres / EARTH_RADIUS_M) * (180 / Math.PI)) / Math.cos((tree.grid.lat * Math.PI) / 180) });
    const outside = await checkIn(signupId, { location: east(250) }, vol!.token);
    expect(outside.json).toMatchObject({ reason: "outside_geofence", distance_m: 250 });
    expect((await checkIn(signupId, { location: east(150) }, vol!.token)).status).toBe(200);
  });

  it("a volunteer suspended after signing up cannot check in", async () => {
    const { v, signupId, start } = await setup();
    await t.post(`/v1/volunteers/${v.id}/suspend`, { reason: "投诉" }, { auth: county.adminKey });
    const [vol] = await travel(start, v);
    expect((await checkIn(signupId, centre(), vol!.token)).status).toBe(403);
  });

  it("needs a location or a site code", async () => {
    const { v, signupId, start } = await setup();
    const [vol] = await travel(start, v);
    const res = await checkIn(signupId, {}, vol!.token);
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ pointer: "/body", detail: "one of location or site_code is required" }]);
  });
});

describe("time window", () => {
  it("check-in opens exactly `slack` minutes before the start", async () => {
    const { v, signupId, start } = await setup();
    let [vol] = await travel(start - 15 * MIN - 1, v);
    const early = await checkIn(signupId, centre(), vol!.token);
    expect(early.status).toBe(422);
    expect(early.json.reason).toBe("outside_window");
    [vol] = await travel(start - 15 * MIN, v);
    expect((await checkIn(signupId, centre(), vol!.token)).status).toBe(200);
    // Leaving again before the start is allowed, and earns no minutes.
    const out = await checkOut(signupId, centre(), vol!.token);
    expect(out.status, out.text).toBe(200);
    expect(out.json).toMatchObject({ status: "checked_out", minutes: 0 });
  });

  it("check-in closes at the end; check-out closes `slack` minutes after it", async () => {
    const a = await setup();
    let [vol] = await travel(a.end, a.v);
    expect((await checkIn(a.signupId, centre(), vol!.token)).json.reason).toBe("outside_window");

    const b = await setup();
    [vol] = await travel(b.end - 1, b.v);
    expect((await checkIn(b.signupId, centre(), vol!.token)).status).toBe(200);
    [vol] = await travel(b.end + 15 * MIN, b.v);
    const late = await checkOut(b.signupId, centre(), vol!.token);
    expect(late.status).toBe(422);
    expect(late.json.reason).toBe("outside_window");
    [vol] = await travel(b.end + 15 * MIN - 1, b.v);
    expect((await checkOut(b.signupId, centre(), vol!.token)).status).toBe(200);
  });

  it("check-out credits only the minutes inside the task window", async () => {
    const { v, signupId, start } = await setup();
    let [vol] = await travel(start - 10 * MIN, v);
    await checkIn(signupId, centre(), vol!.token);
    [vol] = await travel(start + 95 * MIN + 30_000, v);
    const out = await checkOut(signupId, centre(), vol!.token);
    expect(out.status).toBe(200);
    expect(out.json).toMatchObject({ status: "checked_out", minutes: 95 });
  });
});

describe("site code", () => {
  it("checks in from anywhere with the current code, or the previous one, but not an older or wrong one", async () => {
    const { v, signupId, start } = await setup();
    let [vol] = await travel(start, v);
    const code = await t.get(`/v1/tasks/${(await t.get(`/v1/signups/${signupId}`, { auth: vol!.token })).json.task_id}/site-code`, { auth: officer.token });
    expect(code.status).toBe(200);
    expect(code.json.code).toMatch(/^\d{6}$/);
    expect(code.json.qr_payload).toContain(code.json.code);

    const wrong = String((Number(code.json.code) + 1) % 1_000_000).padStart(6, "0");
    const bad = await checkIn(signupId, { site_code: wrong }, vol!.token);
    expect(bad.status).toBe(422);
    expect(bad.json.reason).toBe("bad_site_code");

    [vol] = await travel(start + 60_000 + 30_000, v); // two steps later: expired
    expect((await checkIn(signupId, { site_code: code.json.code }, vol!.token)).json.reason).toBe("bad_site_code");
    [vol] = await travel(start + 30_000, v); // one step later: still accepted
    const ok = await checkIn(signupId, { site_code: code.json.code }, vol!.token);
    expect(ok.status).toBe(200);
    expect(ok.json.check_in_method).toBe("site_code");
  });

  it("is shown to staff of the area as JSON and as an SVG QR code, never to volunteers", async () => {
    const { task, v } = await setup();
    const svg = await t.get(`/v1/tasks/${task.id}/site-code.svg`, { auth: officer.token });
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(svg.text).toMatch(/^<svg/);
    expect((await t.get(`/v1/tasks/${task.id}/site-code`, { auth: v.token })).status).toBe(403);
    const elsewhere = await county.user("officer", { areaIds: [tree.otherTown.id] });
    expect((await t.get(`/v1/tasks/${task.id}/site-code`, { auth: elsewhere.token })).status).toBe(403);
  });
});

describe("attendance, no-shows and points", () => {
  it("staff confirm attendance: minutes and points land on the ledger once", async () => {
    const { v, signupId, start } = await setup({ points_per_hour: 10 });
    let [vol] = await travel(start, v);
    await checkIn(signupId, centre(), vol!.token);
    [vol] = await travel(start + 90 * MIN, v);
    await checkOut(signupId, centre(), vol!.token);
    expect((await t.post(`/v1/signups/${signupId}/confirm-attendance`, {}, { auth: vol!.token })).status).toBe(403);
    const ok = await t.post(`/v1/signups/${signupId}/confirm-attendance`, {}, { auth: officer.token });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: "attended", credited_minutes: 90 });
    const again = await t.post(`/v1/signups/${signupId}/confirm-attendance`, {}, { auth: officer.token });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ status: 409, status_now: "attended" });
    const balance = await t.get(`/v1/volunteers/${v.id}/points`, { auth: vol!.token });
    expect(balance.json).toMatchObject({ balance: 15, hours: 1.5, by_kind: { attendance: 15 } });
  });

  it("a confirmed volunteer who never came is a no-show after the window: flagged once, penalised once; overturning reverses it", async () => {
    const { task, v, signupId, start, end } = await setup({ points_per_hour: 10, no_show_penalty: 7 });
    let [vol] = await travel(end - 1, v);
    expect((await t.post(`/v1/signups/${signupId}/no-show`, undefined, { auth: officer.token })).status).toBe(409);
    t.clock.set(end + 15 * MIN);
    // (Other tests' tasks are over by now too: count this one's effects, not the run's totals.)
    expect((await closeEndedTasks(t.deps)).no_shows).toBeGreaterThanOrEqual(1);
    expect(await closeEndedTasks(t.deps)).toEqual({ no_shows: 0, tasks_completed: 0 });
    [vol] = await travel(end + 20 * MIN, v);
    expect((await t.get(`/v1/signups/${signupId}`, { auth: vol!.token })).json.status).toBe("no_show");
    expect((await t.get(`/v1/tasks/${task.id}`, { auth: vol!.token })).json.status).toBe("completed");
    expect((await t.get(`/v1/volunteers/${v.id}/points`, { auth: vol!.token })).json.balance).toBe(-7);

    // The phone died on patrol: staff overturn it with the minutes served.
    const ok = await t.post(`/v1/signups/${signupId}/confirm-attendance`, { minutes: 60 }, { auth: officer.token });
    expect(ok.status).toBe(200);
    const entries = await t.get(`/v1/volunteers/${v.id}/points/entries`, { auth: vol!.token });
    expect(entries.json.data.map((e: { kind: string; points: number }) => [e.kind, e.points]).sort()).toEqual([
      ["attendance", 10],
      ["correction", 7],
      ["no_show", -7],
    ]);
    expect((await t.get(`/v1/volunteers/${v.id}/points`, { auth: vol!.token })).json.balance).toBe(10);
    void start;
  });

  it("the ledger refuses updates and deletes at the database itself", async () => {
    const { v, signupId, end } = await setup();
    await travel(end + 16 * MIN);
    await closeEndedTasks(t.deps);
    void signupId;
    await expect(t.deps.client.execute({ sql: "UPDATE points_ledger SET points = 100 WHERE user_id = ?", args: [v.id] })).rejects.toThrow(/append-only/);
    await expect(t.deps.client.execute({ sql: "DELETE FROM points_ledger WHERE user_id = ?", args: [v.id] })).rejects.toThrow(/append-only/);
  });
});
