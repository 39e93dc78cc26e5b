import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runScheduledJobs } from "../../worker/jobs/run.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { world, type World } from "./factories.ts";
import { file, step, timeline } from "./helpers.ts";

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
});
afterAll(() => t.close());
beforeEach(() => w.refresh());

const later = async (ms: number) => {
  t.clock.advance(ms);
  await w.refresh();
};

describe("SLA job", () => {
  it("flags and escalates a missed first response, then a missed resolution, once each; the staff timeline shows it", async () => {
    const r = await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "fire-lane-parking", area_id: w.grid.id }), "dispatch");
    expect((await runScheduledJobs(t.deps)).requests_overdue).toBe(0);
    await later(31 * 60_000);
    expect((await runScheduledJobs(t.deps)).requests_overdue).toBe(1);
    expect((await runScheduledJobs(t.deps)).requests_overdue).toBe(0);
    let staff = (await t.get(`/v1/requests/${r.id}`, { auth: w.dispatcher.token })).json;
    expect(staff).toMatchObject({ escalation_level: 1, overdue_since: new Date(t.clock.now()).toISOString(), version: r.version + 1 });
    staff = await step(t, w.urbanStaff.token, staff, "accept");
    await later(4 * 3_600_000);
    expect((await runScheduledJobs(t.deps)).requests_overdue).toBe(1);
    staff = (await t.get(`/v1/requests/${r.id}`, { auth: w.dispatcher.token })).json;
    expect(staff.escalation_level).toBe(2);

    const events = (await timeline(t, w.dispatcher.token, r.id)).filter((e) => e.type === "overdue");
    expect(events.map((e) => [e.data.breach, e.data.escalation_level, e.actor.kind])).toEqual([
      ["first_response", 1, "system"],
      ["resolution", 2, "system"],
    ]);
    expect((await timeline(t, w.resident.token, r.id)).some((e) => e.type === "overdue")).toBe(false);
    expect((await t.get(`/v1/requests/${r.id}`, { auth: w.resident.token })).json.escalation_level).toBeNull();
    const msgs = await t.deps.client.execute({ sql: "SELECT count(*) AS n FROM outbox WHERE type = 'request.overdue' AND json_extract(payload, '$.request_id') = ?", args: [r.id] });
    expect(Number(msgs.rows[0]!.n)).toBe(2);
  });

  it("the figures count a request overdue while it is, and as ever overdue once the job has flagged it", async () => {
    const from = new Date(t.clock.now()).toISOString();
    const overdue = async () => {
      const q = `area_id=${w.grid.id}&from=${from}&to=${new Date(t.clock.now() + 1).toISOString()}`;
      const [json, csv] = await Promise.all([
        t.get(`/v1/figures/requests?${q}`, { auth: w.dispatcher.token }),
        t.get(`/v1/figures/requests?${q}&format=csv`, { auth: w.dispatcher.token }),
      ]);
      const { now, ever } = json.json.requests.overdue;
      expect(csv.text).toContain(`requests,overdue,now,${now}\r\n`);
      expect(csv.text).toContain(`requests,overdue,ever,${ever}\r\n`);
      return { now, ever };
    };
    let r = await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "fire-lane-parking", area_id: w.grid.id }), "dispatch");
    expect(await overdue()).toEqual({ now: 0, ever: 0 });
    await later(31 * 60_000);
    expect(await overdue()).toEqual({ now: 1, ever: 0 }); // late by the clock, not yet flagged
    await runScheduledJobs(t.deps);
    expect(await overdue()).toEqual({ now: 1, ever: 1 });
    r = (await t.get(`/v1/requests/${r.id}`, { auth: w.dispatcher.token })).json;
    // Withdrawn (the car has gone): no longer late now, still counted as having been.
    await step(t, w.resident.token, r, "withdraw");
    expect(await overdue()).toEqual({ now: 0, ever: 1 });
  });

  it("a request someone changes while the job runs is left for the next run (the job never overwrites)", async () => {
    const r = await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "fire-lane-parking", area_id: w.grid.id }), "dispatch");
    await later(31 * 60_000);
    const [res, jobs] = await Promise.all([t.post(`/v1/requests/${r.id}/accept`, {}, { auth: w.urbanStaff.token, headers: { "if-match": `"v${r.version}"` } }), runScheduledJobs(t.deps)]);
    const final = (await t.get(`/v1/requests/${r.id}`, { auth: w.dispatcher.token })).json;
    // Either order is fine; what matters is that both effects are consistent with the version count.
    const changes = (res.status === 200 ? 1 : 0) + (jobs.requests_overdue ?? 0);
    expect(final.version).toBe(r.version + changes);
  });

  it("closes a resolved request nobody rated after 7 days", async () => {
    let r = await step(t, w.dispatcher.token, await file(t, w.resident.token, { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id }), "dispatch");
    r = await step(t, w.urbanStaff.token, r, "accept");
    r = await step(t, w.urbanStaff.token, r, "resolve", { result: "已处理" });
    await later(6 * 86_400_000);
    expect((await runScheduledJobs(t.deps)).requests_auto_closed).toBe(0);
    await later(86_400_000 + 1);
    expect((await runScheduledJobs(t.deps)).requests_auto_closed).toBe(1);
    const closed = (await t.get(`/v1/requests/${r.id}`, { auth: w.resident.token })).json;
    expect(closed.status).toBe("closed");
    const last = (await timeline(t, w.resident.token, r.id)).at(-1);
    expect(last).toMatchObject({ type: "closed", actor: { kind: "system" }, data: { reason: "not_rated" } });
  });
});
