import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { areaTree, postTask, refresh, signUp, volunteer } from "./factories.ts";

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
afterAll(() => t.close());
// Tests move the clock into task windows; tokens live 15 minutes of app time.
beforeEach(async () => void (officer = await refresh(t, county, officer)));

const HOUR = 3_600_000;

describe("capacity", () => {
  it("200 volunteers signing up at once for 20 places: exactly 20 confirmed, 180 waitlisted in order", async () => {
    const task = await postTask(t, officer.token, tree.grid, { capacity: 20 });
    const vols = await Promise.all(Array.from({ length: 200 }, () => volunteer(t, county, { verified: false })));
    const results = await Promise.all(vols.map((v) => signUp(t, v.token, task.id)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const confirmed = results.filter((r) => r.json.status === "confirmed");
    const waitlisted = results.filter((r) => r.json.status === "waitlisted");
    expect(confirmed).toHaveLength(20);
    expect(waitlisted).toHaveLength(180);
    // Positions are a permutation of 1..180: nobody shares a place in the queue.
    expect(waitlisted.map((r) => r.json.waitlist_position).sort((a, b) => a - b)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));

    const after = await t.get(`/v1/tasks/${task.id}`, { auth: officer.token });
    expect(after.json).toMatchObject({ confirmed_count: 20, waitlist_count: 180, slots_left: 0, status: "full" });
  });

  it("one sign-up per volunteer per task: the second attempt is 409 and names the first", async () => {
    const task = await postTask(t, officer.token, tree.grid);
    const v = await volunteer(t, county);
    const first = await signUp(t, v.token, task.id);
    expect(first.status).toBe(201);
    const again = await signUp(t, v.token, task.id);
    expect(again.status).toBe(409);
    expect(again.json.signup_id).toBe(first.json.id);
  });
});

describe("waitlist", () => {
  it("a withdrawal promotes the first on the waitlist, in the same step, and emits task.waitlist_promoted", async () => {
    const task = await postTask(t, officer.token, tree.grid, { capacity: 2 });
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => volunteer(t, county)));
    const sa = await signUp(t, a!.token, task.id);
    await signUp(t, b!.token, task.id);
    t.clock.advance(1000);
    const sc = await signUp(t, c!.token, task.id);
    t.clock.advance(1000);
    const sd = await signUp(t, d!.token, task.id);
    expect([sc.json.status, sc.json.waitlist_position]).toEqual(["waitlisted", 1]);
    expect([sd.json.status, sd.json.waitlist_position]).toEqual(["waitlisted", 2]);

    const w = await t.post(`/v1/signups/${sa.json.id}/withdraw`, undefined, { auth: a!.token });
    expect(w.status).toBe(200);
    expect(w.json.status).toBe("withdrawn");

    const promoted = await t.get(`/v1/signups/${sc.json.id}`, { auth: c!.token });
    expect(promoted.json).toMatchObject({ status: "confirmed", waitlist_position: null });
    expect(promoted.json.promoted_at).not.toBeNull();
    expect((await t.get(`/v1/signups/${sd.json.id}`, { auth: d!.token })).json).toMatchObject({ status: "waitlisted", waitlist_position: 1 });

    const events = await t.deps.client.execute({ sql: "SELECT payload FROM outbox WHERE type = 'task.waitlist_promoted'", args: [] });
    const payloads = events.rows.map((r) => JSON.parse(String(r.payload)));
    expect(payloads).toContainEqual({ task_id: task.id, signup_ids: [sc.json.id], user_ids: [c!.id] });
    const roster = await t.get(`/v1/tasks/${task.id}`, { auth: officer.token });
    expect(roster.json).toMatchObject({ confirmed_count: 2, waitlist_count: 1 });
  });

  it("withdrawing from the waitlist promotes nobody; re-signing goes to the back of the queue", async () => {
    const task = await postTask(t, officer.token, tree.grid, { capacity: 1 });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => volunteer(t, county)));
    await signUp(t, a!.token, task.id);
    const sb = await signUp(t, b!.token, task.id);
    t.clock.advance(1000);
    await signUp(t, c!.token, task.id);
    await t.post(`/v1/signups/${sb.json.id}/withdraw`, undefined, { auth: b!.token });
    const view = await t.get(`/v1/tasks/${task.id}`, { auth: officer.token });
    expect(view.json).toMatchObject({ confirmed_count: 1, waitlist_count: 1 });
    t.clock.advance(1000);
    const again = await signUp(t, b!.token, task.id);
    expect(again.status).toBe(201);
    expect(again.json).toMatchObject({ id: sb.json.id, status: "waitlisted", waitlist_position: 2 });
  });

  it("raising the capacity promotes from the waitlist; lowering it below the places held is refused", async () => {
    const task = await postTask(t, officer.token, tree.grid, { capacity: 1 });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => volunteer(t, county)));
    await signUp(t, a!.token, task.id);
    const sb = await signUp(t, b!.token, task.id);
    await signUp(t, c!.token, task.id);
    const up = await t.patch(`/v1/tasks/${task.id}`, { capacity: 2 }, { auth: officer.token });
    expect(up.status).toBe(200);
    expect(up.json).toMatchObject({ capacity: 2, confirmed_count: 2, waitlist_count: 1, status: "full" });
    expect((await t.get(`/v1/signups/${sb.json.id}`, { auth: b!.token })).json.status).toBe("confirmed");
    const down = await t.patch(`/v1/tasks/${task.id}`, { capacity: 1 }, { auth: officer.token });
    expect(down.status).toBe(409);
    expect(down.json.reason).toBe("capacity_below_confirmed");
  });
});

describe("eligibility", () => {
  it("an unverified volunteer cannot take a task that requires verification; once verified they can", async () => {
    const task = await postTask(t, officer.token, tree.grid, { requires_verified: true });
    const v = await volunteer(t, county, { verified: false });
    const refused = await signUp(t, v.token, task.id);
    expect(refused.status).toBe(403);
    expect(refused.json.reason).toBe("verification_required");
    expect((await t.get(`/v1/tasks/${task.id}`, { auth: officer.token })).json.confirmed_count).toBe(0);
    expect((await t.post(`/v1/volunteers/${v.id}/verify`, {}, { auth: county.adminKey })).status).toBe(200);
    expect((await signUp(t, v.token, task.id)).json.status).toBe("confirmed");
  });

  it("staff of another area cannot verify a volunteer; staff cannot verify themselves into anything", async () => {
    const v = await volunteer(t, county, { verified: false, homeAreaId: tree.grid.id });
    const elsewhere = await county.user("grid_worker", { areaIds: [tree.otherGrid.id] });
    expect((await t.post(`/v1/volunteers/${v.id}/verify`, {}, { auth: elsewhere.token })).status).toBe(403);
    expect((await t.post(`/v1/volunteers/${v.id}/verify`, {}, { auth: v.token })).status).toBe(403);
    expect((await t.get(`/v1/volunteers/${v.id}`, { auth: officer.token })).json.status).toBe("pending");
  });

  it("staff of the volunteer's home area verify; then the task can be taken", async () => {
    const task = await postTask(t, officer.token, tree.grid, { requires_verified: true });
    const v = await volunteer(t, county, { verified: false, homeAreaId: tree.grid.id });
    const verify = await t.post(`/v1/volunteers/${v.id}/verify`, { reason: "ID checked" }, { auth: officer.token });
    expect(verify.status).toBe(200);
    expect(verify.json.status).toBe("verified");
    expect((await signUp(t, v.token, task.id)).json.status).toBe("confirmed");
  });

  it("a suspended volunteer cannot sign up at all", async () => {
    const task = await postTask(t, officer.token, tree.grid);
    const v = await volunteer(t, county, { homeAreaId: tree.grid.id });
    expect((await t.post(`/v1/volunteers/${v.id}/suspend`, { reason: "complaint" }, { auth: officer.token })).status).toBe(200);
    const res = await signUp(t, v.token, task.id);
    expect(res.status).toBe(403);
  });

  it("required skills are enforced and the missing ones named", async () => {
    const task = await postTask(t, officer.token, tree.grid, { kind: "event_security", required_skills: ["first_aid", "driving"] });
    const some = await volunteer(t, county, { skills: ["first_aid"] });
    const all = await volunteer(t, county, { skills: ["driving", "first_aid", "swimming"] });
    const refused = await signUp(t, some.token, task.id);
    expect(refused.status).toBe(403);
    expect(refused.json.missing_skills).toEqual(["driving"]);
    expect((await signUp(t, all.token, task.id)).status).toBe(201);
  });

  it("overlapping confirmed tasks are refused; back-to-back ones are fine", async () => {
    const start = t.deps.now() + 30 * HOUR;
    const at = (h: number) => new Date(start + h * HOUR).toISOString();
    const first = await postTask(t, officer.token, tree.grid, { starts_at: at(0), ends_at: at(2) });
    const overlapping = await postTask(t, officer.token, tree.grid2, { starts_at: at(1), ends_at: at(3) });
    const adjacent = await postTask(t, officer.token, tree.grid2, { starts_at: at(2), ends_at: at(4) });
    const v = await volunteer(t, county);
    expect((await signUp(t, v.token, first.id)).status).toBe(201);
    const clash = await signUp(t, v.token, overlapping.id);
    expect(clash.status).toBe(409);
    expect(clash.json).toMatchObject({ reason: "overlap", overlapping_task_id: first.id });
    expect((await signUp(t, v.token, adjacent.id)).status).toBe(201);
  });

  it("residents and staff cannot sign up; a task that is not open refuses sign-ups", async () => {
    const task = await postTask(t, officer.token, tree.grid);
    const resident = await county.user("resident");
    expect((await signUp(t, resident.token, task.id)).status).toBe(403);
    expect((await signUp(t, officer.token, task.id)).status).toBe(403);
    const draft = await postTask(t, officer.token, tree.grid, { publish: false });
    const v = await volunteer(t, county);
    expect((await signUp(t, v.token, draft.id)).status).toBe(404);
    await t.post(`/v1/tasks/${task.id}/cancel`, { reason: "暴雨" }, { auth: officer.token });
    const late = await signUp(t, v.token, task.id);
    expect(late.status).toBe(409);
    expect(late.json.type).toBe("/problems/invalid_transition");
  });
});

describe("nobody acts for someone else", () => {
  it("another volunteer cannot see, withdraw, check in or check out someone's sign-up (404)", async () => {
    const task = await postTask(t, officer.token, tree.grid);
    let owner = await volunteer(t, county);
    let other = await volunteer(t, county);
    const s = await signUp(t, owner.token, task.id);
    const here = { location: { lat: tree.grid.lat, lng: tree.grid.lng } };
    t.clock.set(Date.parse(task.starts_at));
    owner = await refresh(t, county, owner);
    other = await refresh(t, county, other);
    officer = await refresh(t, county, officer);
    expect((await t.get(`/v1/signups/${s.json.id}`, { auth: other.token })).status).toBe(404);
    expect((await t.post(`/v1/signups/${s.json.id}/withdraw`, undefined, { auth: other.token })).status).toBe(404);
    expect((await t.post(`/v1/signups/${s.json.id}/check-in`, here, { auth: other.token })).status).toBe(404);
    expect((await t.post(`/v1/signups/${s.json.id}/check-out`, here, { auth: other.token })).status).toBe(404);
    // Staff can see the sign-up but cannot check in on the volunteer's behalf either.
    expect((await t.post(`/v1/signups/${s.json.id}/check-in`, here, { auth: officer.token })).status).toBe(403);
    expect((await t.get(`/v1/signups/${s.json.id}`, { auth: owner.token })).json.status).toBe("confirmed");
    expect((await t.post(`/v1/signups/${s.json.id}/check-in`, here, { auth: owner.token })).json.status).toBe("checked_in");
  });

  it("a volunteer's token does nothing in another tenant", async () => {
    const other = await tenant(t);
    const foreign = await other.user("volunteer");
    const task = await postTask(t, officer.token, tree.grid);
    expect((await signUp(t, foreign.token, task.id)).status).toBe(404);
  });
});
