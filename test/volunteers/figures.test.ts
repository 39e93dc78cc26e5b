import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeEndedTasks } from "../../worker/jobs/close-volunteer-tasks.ts";
import { seedCatalogue } from "../../worker/services/catalogue/seed-catalogue.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { areaTree, postTask, refresh, signUp, volunteer } from "./factories.ts";

let t: TestApp;
let county: Tenant;
let tree: Awaited<ReturnType<typeof areaTree>>;

/**
 * One March in one community: a full task and a half-empty one, a cancelled one, an attendance,
 * a no-show and three leads (one turned into a request); plus April work that must not count.
 */
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county);
  await seedCatalogue(t.deps, county.id);
  let officer = await county.user("officer", { areaIds: [tree.community.id] });
  const full = await postTask(t, officer.token, tree.grid, { capacity: 2 });
  const half = await postTask(t, officer.token, tree.grid2, { capacity: 4 });
  const cancelled = await postTask(t, officer.token, tree.grid, { capacity: 10 });
  await t.post(`/v1/tasks/${cancelled.id}/cancel`, { reason: "雨" }, { auth: officer.token });
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => volunteer(t, county)));
  const sa = await signUp(t, a!.token, full.id);
  await signUp(t, b!.token, full.id);
  await signUp(t, c!.token, half.id);
  for (const [v, task, converted] of [[a!, full, true], [b!, full, false], [c!, half, false]] as const) {
    const lead = await t.post("/v1/leads", { text: "线索", task_id: task.id }, { auth: v.token });
    if (converted) {
      const req = await t.post("/v1/requests", { service_code: "lead", attributes: { lead_type: "other" }, area_id: tree.grid.id }, { auth: officer.token });
      expect((await t.post(`/v1/leads/${lead.json.id}/convert`, { request_id: req.json.id }, { auth: officer.token })).status).toBe(200);
    }
  }
  t.clock.set(Date.parse(full.ends_at) + 20 * 60_000);
  officer = await refresh(t, county, officer);
  await t.post(`/v1/signups/${sa.json.id}/confirm-attendance`, { minutes: 90 }, { auth: officer.token }); // a attended
  await closeEndedTasks(t.deps); // b and c never came
  // April (Shanghai): must not count in March.
  t.clock.set(Date.parse("2026-03-31T17:00:00Z"));
  officer = await refresh(t, county, officer);
  await postTask(t, officer.token, tree.grid, { capacity: 3 });
});
afterAll(() => t.close());

describe("volunteer figures", () => {
  it("per area and month: hours, tasks filled, fill rate, no-shows and leads, with a row per child area", async () => {
    const res = await t.get(`/v1/figures/volunteers?period=month&date=2026-03-02&area_id=${tree.community.id}`, { auth: county.adminKey });
    expect(res.status).toBe(200);
    expect(res.json.period).toMatchObject({ label: "2026-03", timezone: "Asia/Shanghai" });
    expect(res.json.totals).toEqual({
      volunteer_hours: 1.5,
      active_volunteers: 1,
      attendances: 1,
      no_shows: 2,
      attendance_rate: 0.3333,
      tasks_posted: 2,
      tasks_filled: 1,
      tasks_cancelled: 1,
      slots_offered: 6,
      slots_filled: 3,
      fill_rate: 0.5,
      leads: 3,
      leads_converted: 1,
      conversion_rate: 0.3333,
    });
    const byId = Object.fromEntries(res.json.by_area.map((r: { area_id: string }) => [r.area_id, r]));
    expect(byId[tree.grid.id]).toMatchObject({ area_name: "一网格", tasks_posted: 1, tasks_filled: 1, fill_rate: 1, leads: 2, leads_converted: 1, volunteer_hours: 1.5 });
    expect(byId[tree.grid2.id]).toMatchObject({ area_name: "二网格", tasks_posted: 1, tasks_filled: 0, fill_rate: 0.25, leads: 1, no_shows: 1 });
  });

  it("an area outside the work has zeros; the next month sees only its own task", async () => {
    const other = await t.get(`/v1/figures/volunteers?period=month&date=2026-03-02&area_id=${tree.otherTown.id}`, { auth: county.adminKey });
    expect(other.json.totals).toMatchObject({ tasks_posted: 0, fill_rate: null, leads: 0, volunteer_hours: 0 });
    const april = await t.get(`/v1/figures/volunteers?period=month&date=2026-04-01&area_id=${tree.community.id}`, { auth: county.adminKey });
    expect(april.json.totals).toMatchObject({ tasks_posted: 1, slots_offered: 3, slots_filled: 0, no_shows: 0 });
    const quarter = await t.get(`/v1/figures/volunteers?period=quarter&date=2026-01-15`, { auth: county.adminKey });
    expect(quarter.json.totals).toMatchObject({ tasks_posted: 2, leads: 3 });
  });

  it("as CSV: a total row then one per area, ready for a spreadsheet", async () => {
    const res = await t.get(`/v1/figures/volunteers?period=month&date=2026-03-02&area_id=${tree.community.id}&format=csv`, { auth: county.adminKey });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toContain("volunteer-figures-2026-03");
    const lines = res.text.trim().split("\r\n");
    expect(lines[0]).toBe(
      "period,period_start,period_end,scope,area_id,area_name,volunteer_hours,active_volunteers,attendances,no_shows,attendance_rate,tasks_posted,tasks_filled,tasks_cancelled,slots_offered,slots_filled,fill_rate,leads,leads_converted,conversion_rate",
    );
    expect(lines[1]).toBe(`2026-03,2026-02-28T16:00:00.000Z,2026-03-31T16:00:00.000Z,total,${tree.community.id},,1.5,1,1,2,0.3333,2,1,1,6,3,0.5,3,1,0.3333`);
    expect(lines).toHaveLength(4);
    const viaAccept = await t.get(`/v1/figures/volunteers?period=month&date=2026-03-02`, { auth: county.adminKey, headers: { accept: "text/csv" } });
    expect(viaAccept.text.startsWith("period,")).toBe(true);
  });

  it("is for staff, not for volunteers", async () => {
    const v = await volunteer(t, county);
    expect((await t.get("/v1/figures/volunteers", { auth: v.token })).status).toBe(403);
    const gw = await county.user("grid_worker", { areaIds: [tree.grid.id] });
    expect((await t.get("/v1/figures/volunteers", { auth: gw.token })).status).toBe(200);
  });
});
