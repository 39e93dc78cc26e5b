import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScheduledJobs } from "../../worker/jobs/run.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { areaTree, household, staff, type Tree } from "./factories.ts";

let t: TestApp;
let county: Tenant;
let tree: Tree;
let bank: string;
let officerA1: { id: string; token: string };
let officerTown: { id: string; token: string };
let dispatcher: { id: string; token: string };

/** Staff tokens need interventions scopes; the staff app key is made with them. */
async function withScopes(u: { id: string }) {
  const key = await county.key("app", ["tokens:exchange", "interventions:read", "interventions:write", "fraud:manage", "fraud:report"]);
  const subject = (await t.deps.client.execute({ sql: "SELECT subject FROM users WHERE id = ?", args: [u.id] })).rows[0]!.subject as string;
  return { id: u.id, token: (await t.post("/v1/tokens", { subject_type: "wechat_openid", subject }, { auth: key.secret })).json.access_token as string };
}

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county.id);
  bank = (await county.key("integration")).secret;
  officerA1 = await withScopes(await staff(t, county, "officer", [tree.a1.id], "officer"));
  officerTown = await withScopes(await staff(t, county, "officer", [tree.townA.id], "officer"));
  dispatcher = await withScopes(await staff(t, county, "dispatcher"));
});
afterAll(() => t.close());

const open = (body: Record<string, unknown>, auth = bank) =>
  t.post("/v1/interventions", { source: "bank", scam_type: "safe_account", summary: "柜台发现客户欲向“安全账户”转账", amount_at_risk_fen: 2_000_000, ...body }, { auth });

describe("opening an intervention", () => {
  it("goes to the duty officer nearest the place, with a deadline in minutes", async () => {
    const home = await household(t, county.id, tree.a1b.id);
    const res = await open({ doorplate_code: home.doorplateCode, victim_name: "马小明", victim_phone: "13800138000", sla_minutes: 5 });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      status: "open",
      area_id: tree.a1b.id,
      household_id: home.id,
      assigned_officer_id: officerA1.id,
      victim_name: "马**",
      victim_phone: "138****8000",
      response_due_at: "2026-03-02T01:05:00.000Z",
      overdue: false,
      sla_met: null,
    });
    expect(res.json.timeline.map((e: { type: string }) => e.type)).toEqual(["created", "assigned"]);

    // In the other community of the town, the town's officer is the nearest.
    const other = await open({ area_id: tree.a2a.id });
    expect(other.json.assigned_officer_id).toBe(officerTown.id);
    // With no duty officer anywhere up the tree it waits for the desk.
    const none = await open({ area_id: tree.b1a.id });
    expect(none.json.assigned_officer_id).toBeNull();

    const events = await t.deps.client.execute({ sql: "SELECT payload FROM outbox WHERE type = 'intervention.created' AND payload LIKE ?", args: [`%${res.json.id}%`] });
    const payload = JSON.parse(events.rows[0]!.payload as string);
    expect(payload).toMatchObject({ intervention_id: res.json.id, assigned_officer_id: officerA1.id });
    expect(JSON.stringify(payload)).not.toContain("13800138000");
  });

  it("needs a place, and a resident cannot open one", async () => {
    expect((await open({})).status).toBe(400);
    const resident = await county.user("resident");
    expect((await open({ area_id: tree.a1.id }, resident.token)).status).toBe(403);
  });
});

describe("working the case", () => {
  it("acknowledge, note, resolve as stopped; the timeline and events follow", async () => {
    const c = (await open({ area_id: tree.a1a.id, source: "relative" })).json;
    expect((await t.post(`/v1/interventions/${c.id}/acknowledge`, undefined, { auth: officerTown.token })).status).toBe(403);
    t.clock.advance(3 * 60_000);
    const ack = await t.post(`/v1/interventions/${c.id}/acknowledge`, undefined, { auth: officerA1.token });
    expect(ack.json).toMatchObject({ status: "acknowledged", responded_at: "2026-03-02T01:03:00.000Z", sla_met: true });
    expect((await t.post(`/v1/interventions/${c.id}/acknowledge`, undefined, { auth: officerA1.token })).status).toBe(409);
    await t.post(`/v1/interventions/${c.id}/notes`, { note: "已电话联系，正赶往其家中" }, { auth: officerA1.token });

    const bad = await t.post(`/v1/interventions/${c.id}/resolve`, { outcome: "stopped", anti_fraud_app_installed: true }, { auth: officerA1.token });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].pointer).toBe("/body/amount_saved_fen");
    const done = await t.post(`/v1/interventions/${c.id}/resolve`, { outcome: "stopped", amount_saved_fen: 2_000_000, anti_fraud_app_installed: true, note: "劝阻成功，已安装国家反诈中心APP" }, { auth: officerA1.token });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ status: "resolved", outcome: "stopped", amount_saved_fen: 2_000_000, amount_lost_fen: 0, anti_fraud_app_installed: true });
    expect(done.json.timeline.map((e: { type: string }) => e.type)).toEqual(["created", "assigned", "acknowledged", "note", "resolved"]);
    expect((await t.post(`/v1/interventions/${c.id}/resolve`, { outcome: "not_fraud", anti_fraud_app_installed: false }, { auth: officerA1.token })).status).toBe(409);

    const types = await t.deps.client.execute({ sql: "SELECT type FROM outbox WHERE payload LIKE ? ORDER BY rowid", args: [`%${c.id}%`] });
    expect(types.rows.map((r) => r.type)).toEqual(["intervention.created", "intervention.acknowledged", "intervention.resolved"]);
    const acked = await t.deps.client.execute({ sql: "SELECT payload FROM outbox WHERE type = 'intervention.acknowledged' AND payload LIKE ?", args: [`%${c.id}%`] });
    expect(JSON.parse(acked.rows[0]!.payload as string)).toEqual({ intervention_id: c.id, status: "acknowledged", assigned_officer_id: officerA1.id, within_sla: true });
  });

  it("an officer raises a case; not fraud after all takes no amounts and records nothing saved or lost", async () => {
    const c = await open({ area_id: tree.a1a.id, source: "officer" }, officerA1.token);
    expect(c.status, c.text).toBe(201);
    expect(c.json).toMatchObject({ source: "officer", assigned_officer_id: officerA1.id });
    const resolve = (body: Record<string, unknown>) => t.post(`/v1/interventions/${c.json.id}/resolve`, { outcome: "not_fraud", anti_fraud_app_installed: false, ...body }, { auth: officerA1.token });
    const withAmount = await resolve({ amount_saved_fen: 5_000 });
    expect(withAmount.status).toBe(400);
    expect(withAmount.json.errors[0].pointer).toBe("/body/outcome");
    const done = await resolve({ note: "系本人正常投资，非诈骗" });
    expect(done.status, done.text).toBe(200);
    expect(done.json).toMatchObject({ status: "resolved", outcome: "not_fraud", amount_saved_fen: 0, amount_lost_fen: 0, anti_fraud_app_installed: false });
  });

  it("the desk assigns an unassigned case; overdue cases are flagged and escalated once", async () => {
    const c = (await open({ area_id: tree.b1a.id, sla_minutes: 10 })).json;
    t.clock.advance(11 * 60_000);
    const desk = await staff(t, county, "dispatcher");
    const deskToken = (await withScopes(desk)).token;
    const overdue = await t.get("/v1/interventions?overdue=true", { auth: deskToken });
    expect(overdue.json.data.map((x: { id: string }) => x.id)).toContain(c.id);
    expect(overdue.json.data.find((x: { id: string }) => x.id === c.id)).toMatchObject({ overdue: true, sla_met: false });

    expect((await runScheduledJobs(t.deps)).interventions_escalated).toBeGreaterThanOrEqual(1);
    expect((await runScheduledJobs(t.deps)).interventions_escalated).toBe(0);
    const esc = await t.deps.client.execute({ sql: "SELECT count(*) AS n FROM outbox WHERE type = 'intervention.overdue' AND payload LIKE ?", args: [`%${c.id}%`] });
    expect(esc.rows[0]!.n).toBe(1);

    const officerB = await withScopes(await staff(t, county, "officer", [tree.b1.id]));
    expect((await t.post(`/v1/interventions/${c.id}/assign`, { officer_id: officerB.id }, { auth: officerB.token })).status).toBe(403);
    const assigned = await t.post(`/v1/interventions/${c.id}/assign`, { officer_id: officerB.id, note: "值班民警未设置，指派" }, { auth: deskToken });
    expect(assigned.json.assigned_officer_id).toBe(officerB.id);
    const lost = await t.post(`/v1/interventions/${c.id}/resolve`, { outcome: "lost", amount_lost_fen: 500_000, anti_fraud_app_installed: false }, { auth: officerB.token });
    expect(lost.json).toMatchObject({ outcome: "lost", amount_lost_fen: 500_000, amount_saved_fen: 0 });
  });

  it("officers see their areas' cases, a bank only what it raised; contacts are revealed with an audit row", async () => {
    const c = (await open({ area_id: tree.a1a.id, victim_phone: "13912345678" })).json;
    const otherBank = (await county.key("integration")).secret;
    expect((await t.get(`/v1/interventions/${c.id}`, { auth: otherBank })).status).toBe(404);
    expect((await t.get(`/v1/interventions/${c.id}`, { auth: bank })).status).toBe(200);
    const officerB = await withScopes(await staff(t, county, "officer", [tree.b1.id]));
    expect((await t.get(`/v1/interventions/${c.id}`, { auth: officerB.token })).status).toBe(404);
    expect((await t.get(`/v1/interventions?area_id=${tree.a1.id}`, { auth: officerA1.token })).json.data.map((x: { id: string }) => x.id)).toContain(c.id);

    const fresh = await withScopes(await staff(t, county, "officer", [tree.a1.id]));
    const revealed = await t.post(`/v1/interventions/${c.id}/reveal-contact`, undefined, { auth: fresh.token });
    expect(revealed.json).toEqual({ victim_name: null, victim_phone: "13912345678" });
    const audit = await t.deps.client.execute({ sql: "SELECT actor FROM audit_log WHERE action = 'intervention.contact_revealed' AND subject_id = ?", args: [c.id] });
    expect(audit.rows.map((r) => r.actor)).toEqual([`user:${fresh.id}`]);
  });

  it("an officer who raises a case in another area gets it back and follows it, once", async () => {
    const officerB = await withScopes(await staff(t, county, "officer", [tree.b1.id]));
    const before = Number((await t.deps.client.execute("SELECT count(*) AS n FROM interventions")).rows[0]!.n);
    const raised = await open({ source: "relative", area_id: tree.a1a.id }, officerB.token);
    expect(raised.status, raised.text).toBe(201);
    expect(raised.json.assigned_officer_id).toBe(officerA1.id);
    expect((await t.get(`/v1/interventions/${raised.json.id}`, { auth: officerB.token })).status).toBe(200);
    expect(Number((await t.deps.client.execute("SELECT count(*) AS n FROM interventions")).rows[0]!.n)).toBe(before + 1);
  });
});

describe("the desk's list", () => {
  it("is newest first, page by page, with nothing repeated or skipped", async () => {
    const all = (await t.get("/v1/interventions?limit=100", { auth: dispatcher.token })).json.data.map((i: { id: string }) => i.id);
    expect(all.length).toBeGreaterThan(3);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; next_cursor: string | null } = (
        await t.get(`/v1/interventions?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { auth: dispatcher.token })
      ).json;
      walked.push(...page.data.map((i) => i.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(walked).toEqual(all);
  });
});

describe("what the fraudster used, filed on the case", () => {
  const report = (body: Record<string, unknown>, auth: string) => t.post("/v1/fraud/reports", { kind: "phone", narrative: "冒充公安民警，要求转账到“安全账户”", ...body }, { auth });

  it("is listed on the case masked, on its timeline and in the event, counts where the victim lives, and warns the next caller", async () => {
    const c = (await open({ area_id: tree.a1b.id })).json;
    const filed = await report({ value: "+86 165-0000-7777", intervention_id: c.id }, officerA1.token);
    expect(filed.status, filed.text).toBe(201);
    // Filed again by the same officer: a revision of the one report, not a second.
    expect((await report({ value: "16500007777", intervention_id: c.id, narrative: "补充：对方自称市局刑侦支队" }, officerA1.token)).status).toBe(201);
    const indicatorId = filed.json.indicator.id;

    const got = (await t.get(`/v1/interventions/${c.id}`, { auth: officerA1.token })).json;
    expect(got.indicators).toEqual([{ id: indicatorId, kind: "phone", display: filed.json.indicator.display, status: "reported", report_count: 1 }]);
    expect(filed.json.indicator.display).toContain("*");
    expect(JSON.stringify(got)).not.toContain("16500007777");
    expect(got.timeline.filter((e: { type: string }) => e.type === "indicator_reported")).toHaveLength(2);
    expect(got.timeline.at(-1)).toMatchObject({ type: "indicator_reported", actor: `user:${officerA1.id}`, data: { indicator_id: indicatorId, kind: "phone" } });
    const events = await t.deps.client.execute({ sql: "SELECT payload FROM outbox WHERE type = 'fraud.reported' AND payload LIKE ?", args: [`%${c.id}%`] });
    expect(JSON.parse(String(events.rows[0]!.payload))).toMatchObject({ indicator_id: indicatorId, intervention_id: c.id });

    const reports = (await t.get(`/v1/fraud/indicators/${indicatorId}/reports`, { auth: officerA1.token })).json.data;
    expect(reports).toEqual([expect.objectContaining({ reporter: officerA1.id, area_id: tree.a1b.id })]);
    const kiosk = (await county.key("kiosk")).secret;
    expect((await t.post("/v1/fraud/checks", { kind: "phone", value: "165 0000 7777" }, { auth: kiosk })).json.verdict).toBe("reported");
  });

  it("the same number in two of an officer's cases is listed on both (one report, two links)", async () => {
    const first = (await open({ area_id: tree.a1b.id })).json;
    const second = (await open({ area_id: tree.a1b.id })).json;
    await report({ value: "16500009999", intervention_id: first.id }, officerA1.token);
    const again = await report({ value: "165 0000 9999", intervention_id: second.id }, officerA1.token);
    expect(again.json.indicator.report_count).toBe(1);
    for (const c of [first, second]) {
      const got = (await t.get(`/v1/interventions/${c.id}`, { auth: officerA1.token })).json;
      expect(got.indicators.map((i: { id: string }) => i.id)).toEqual([again.json.indicator.id]);
    }
  });

  it("only by staff who may work the case: others get 403 or 404 and nothing is written", async () => {
    const c = (await open({ area_id: tree.a1b.id })).json;
    const resident = await county.user("resident");
    const officerB = await withScopes(await staff(t, county, "officer", [tree.townB.id], "officer"));
    expect((await report({ value: "16500008888", intervention_id: c.id }, resident.token)).status).toBe(403);
    expect((await report({ value: "16500008888", intervention_id: c.id }, officerB.token)).status).toBe(404);
    expect((await report({ value: "16500008888", intervention_id: "itv_01nosuchcase" }, officerA1.token)).status).toBe(404);
    const kiosk = (await county.key("kiosk")).secret;
    expect((await t.post("/v1/fraud/checks", { kind: "phone", value: "16500008888" }, { auth: kiosk })).json.verdict).toBe("none");
    expect((await t.get(`/v1/interventions/${c.id}`, { auth: officerA1.token })).json.indicators).toEqual([]);
  });
});
