import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant, type Tenant } from "../../test/support/factories.ts";
import { alertBody, areaTree, household, resident, staff, staffAppKey, type Tree } from "../../test/antifraud/factories.ts";
import { sdkFor } from "./support.ts";

let t: TestApp;
let county: Tenant;
let tree: Tree;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county.id);
});
afterAll(() => t.close());

describe("anti-fraud namespaces against the real server", () => {
  it("an officer publishes; a resident's inbox, receipts and a household's doorplate inbox follow; stats count them", async () => {
    const app = sdkFor(t, { apiKey: (await staffAppKey(county)).secret });
    const officer = app.withToken((await staff(t, county, "officer", [tree.townA.id])).token);
    const draft = await officer.alerts.create({
      kind: "fraud_warning",
      severity: "Severe",
      urgency: "Immediate",
      certainty: "Observed",
      title_zh: alertBody().title_zh,
      body_zh: alertBody().body_zh,
      area_ids: [tree.townA.id],
    });
    const published = await officer.alerts.publish(draft.id);
    expect(published.status).toBe("published");

    const inTown = app.withToken((await resident(t, county, [tree.a1a.id])).token);
    const elsewhere = app.withToken((await resident(t, county, [tree.b1a.id])).token);
    expect((await inTown.alerts.listInbox()).data.map((a) => a.id)).toEqual([published.id]);
    expect((await elsewhere.alerts.listInbox()).data).toEqual([]);
    await inTown.alerts.recordReceipt(published.id, { status: "read" });

    const home = await household(t, county.id, tree.a2a.id);
    const kioskLike = sdkFor(t);
    const doorplate = await kioskLike.alerts.listForDoorplate(home.doorplateCode);
    expect(doorplate.data.map((a) => a.id)).toEqual([published.id]);

    const stats = await officer.alerts.getStats(published.id);
    expect(stats).toMatchObject({ read: 1 });
    const cap = await kioskLike.alerts.getCap(published.id);
    expect(String(cap)).toContain("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"");
  });

  it("a reported number is checked without revealing the reporter; an intervention opens and resolves", async () => {
    const app = sdkFor(t, { apiKey: (await staffAppKey(county)).secret });
    const reporter = app.withToken((await resident(t, county, [tree.a1a.id])).token);
    await reporter.fraud.report({ kind: "phone", value: "+86 138-0013-8000", narrative: "自称公安要求转账到安全账户" });
    const verdict = await app.fraud.check({ kind: "phone", value: "13800138000" });
    expect(verdict).toMatchObject({ verdict: "reported", report_count: 1 });
    expect(JSON.stringify(verdict)).not.toContain("usr_");

    // The duty officer works through the station's console app, whose key may handle interventions.
    const consoleKey = await county.key("app", ["tokens:exchange", "interventions:read", "interventions:write", "stats:read"]);
    const duty = await staff(t, county, "officer", [tree.townA.id], "officer");
    const subject = (await t.deps.client.execute({ sql: "SELECT subject FROM users WHERE id = ?", args: [duty.id] })).rows[0]!.subject as string;
    const officer = sdkFor(t, { apiKey: consoleKey.secret }).withToken((await sdkFor(t, { apiKey: consoleKey.secret }).tokens.exchange({ subject_type: "wechat_openid", subject })).access_token);
    const admin = sdkFor(t, { apiKey: county.adminKey });
    // A bank or the hotline files through an integration key; the area's duty officer takes it.
    const opened = await admin.interventions.create({ source: "relative", area_id: tree.a1a.id, summary: "准备向安全账户转账，弟弟察觉后报告", amount_at_risk_fen: 2_000_000 });
    await officer.interventions.acknowledge(opened.id);
    const resolved = await officer.interventions.resolve(opened.id, { outcome: "stopped", amount_saved_fen: 2_000_000, anti_fraud_app_installed: true });
    expect(resolved).toMatchObject({ outcome: "stopped", amount_saved_fen: 2_000_000 });
    const figures = await admin.stats.antiFraud({ area_id: tree.county.id });
    expect(JSON.stringify(figures)).toContain("2000000");
  });
});
