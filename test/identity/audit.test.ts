import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { placesOf, staff } from "./helpers.ts";

let t: TestApp;
let county: Tenant;
let places: Awaited<ReturnType<typeof placesOf>>;
let appKey: string;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  places = await placesOf(t, county);
  appKey = (await county.key("app")).secret;
});
afterAll(() => t.close());

const auditOf = async (query: string) => (await t.get(`/v1/audit-log?${query}`, { auth: county.adminKey })).json.data;

describe("reveals of personal data", () => {
  it("lists are masked; an officer's reveal returns the data and writes an audit row naming them and their reason", async () => {
    const resident = await county.user("resident", { name: "马大爷", phone: "13812345678" });
    const listed = await t.get(`/v1/users/${resident.id}`, { auth: county.adminKey });
    expect(listed.json).toMatchObject({ display_name: "马**", phone: "138****5678" });
    expect(listed.text).not.toContain("13812345678");

    // An officer reveals through a staff key, and only people placed within their areas.
    await t.put(`/v1/areas/${places.grid1.id}/members/${resident.id}`, { duty: "member" }, { auth: county.adminKey });
    const staffKey = (await county.key("app", ["tokens:exchange", "interventions:read"])).secret;
    const officer = await staff(t, county, staffKey, { role: "officer", agency_id: places.station.id, areas: [{ area_id: places.community.id, duty: "officer" }] });
    const before = await auditOf(`action=personal_data.revealed&subject_id=${resident.id}`);
    expect(before).toHaveLength(0);
    const res = await t.post(`/v1/users/${resident.id}/reveal`, { reason: "回访：核实求助人电话" }, { auth: officer.token, headers: { "x-request-id": "reveal-req-1" } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ display_name: "马大爷", phone: "13812345678" });
    expect(res.headers.get("cache-control")).toBe("no-store");

    const after = await auditOf(`action=personal_data.revealed&subject_id=${resident.id}`);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      actor: `user:${officer.id}`,
      subject_type: "user",
      detail: { reason: "回访：核实求助人电话", fields: ["display_name", "phone", "subject"] },
      request_id: "reveal-req-1",
    });
    // The audit row records that data was seen, not the data.
    expect(JSON.stringify(after)).not.toContain("13812345678");
  });

  it("a household address reveal is audited the same way", async () => {
    const home = await places.household(places.grid1, "柳塘镇桃园社区桃园路88号");
    const res = await t.post(`/v1/households/${home.id}/reveal`, { reason: "打印门牌" }, { auth: county.adminKey });
    expect(res.json.address).toBe("柳塘镇桃园社区桃园路88号");
    const rows = await auditOf(`subject_type=household&subject_id=${home.id}`);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(["personal_data.revealed"]);
  });

  it("a reveal needs a reason", async () => {
    const resident = await county.user("resident");
    const res = await t.post(`/v1/users/${resident.id}/reveal`, {}, { auth: county.adminKey });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].pointer).toBe("/body/reason");
  });
});

describe("the audit log", () => {
  it("records key, user and roster changes, newest first, in cursor pages filtered by action", async () => {
    const key = await county.key("kiosk");
    await t.post(`/v1/keys/${key.id}/revoke`, undefined, { auth: county.adminKey });
    const w = await staff(t, county, appKey, { role: "grid_worker" });
    t.clock.advance(1000);
    await t.put(`/v1/areas/${places.grid2.id}/members/${w.id}`, { duty: "grid_worker" }, { auth: county.adminKey });

    const revoked = await auditOf(`action=key.revoked&subject_id=${key.id}`);
    expect(revoked).toHaveLength(1);
    expect(revoked[0].actor).toMatch(/^key:key_/);
    const forUser = await auditOf(`subject_type=user&subject_id=${w.id}`);
    expect(forUser.map((r: { action: string }) => r.action)).toEqual(["area.member_assigned", "user.created"]);

    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = await t.get(`/v1/audit-log?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { auth: county.adminKey });
      for (const e of page.json.data) {
        expect(seen.has(e.id)).toBe(false);
        seen.add(e.id);
      }
      cursor = page.json.next_cursor;
      pages++;
    } while (cursor && pages < 100);
    const all = await t.deps.client.execute({ sql: "SELECT count(*) AS n FROM audit_log WHERE jurisdiction_id = ?", args: [county.id] });
    expect(seen.size).toBe(Number(all.rows[0]!.n));
  });
});
