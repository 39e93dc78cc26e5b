import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { areaTree, refresh } from "./factories.ts";

let t: TestApp;
let county: Tenant;
let tree: Awaited<ReturnType<typeof areaTree>>;

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  tree = await areaTree(t, county);
});
afterAll(() => t.close());

describe("volunteer profiles", () => {
  it("a resident applies: role switches to volunteer (audited), profile pending; a fresh token acts as a volunteer", async () => {
    const resident = await county.user("resident", { name: "雷建国", phone: "13812345678" });
    const res = await t.post("/v1/me/volunteer-profile", { home_area_id: tree.grid.id, skills: ["patrol", "first_aid", "patrol"] }, { auth: resident.token });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ user_id: resident.id, status: "pending", home_area_id: tree.grid.id, skills: ["first_aid", "patrol"], display_name: "雷**", phone: "138****5678" });
    const audit = await t.deps.client.execute({ sql: "SELECT detail FROM audit_log WHERE action = 'volunteer.applied' AND subject_id = ?", args: [resident.id] });
    expect(JSON.parse(String(audit.rows[0]!.detail))).toEqual({ role_from: "resident", role_to: "volunteer" });
    expect((await t.post("/v1/me/volunteer-profile", {}, { auth: resident.token })).status).toBe(409);

    const fresh = await refresh(t, county, resident);
    expect((await t.get("/v1/me", { auth: fresh.token })).json.user.role).toBe("volunteer");
    expect((await t.get("/v1/me/volunteer-profile", { auth: fresh.token })).json.status).toBe("pending");
  });

  it("staff cannot apply; a profile's team and area must belong to the jurisdiction", async () => {
    const officer = await county.user("officer", { areaIds: [tree.root.id] });
    expect((await t.post("/v1/me/volunteer-profile", {}, { auth: officer.token })).status).toBe(403);
    const r = await county.user("resident");
    const bad = await t.post("/v1/me/volunteer-profile", { home_area_id: "area_missing" }, { auth: r.token });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].pointer).toBe("/body/home_area_id");
  });

  it("teams: officers create them in their areas; names are unique; volunteers join at application", async () => {
    const officer = await county.user("officer", { areaIds: [tree.community.id] });
    const team = await t.post("/v1/volunteer-teams", { name: "千鼓山巡逻队", area_id: tree.community.id }, { auth: officer.token });
    expect(team.status).toBe(201);
    // Where the answer says the team is, it is.
    const read = await t.get(team.headers.get("location")!, { auth: officer.token });
    expect(read.json).toEqual(team.json);
    expect((await t.get("/v1/volunteer-teams/team_01jf8z3m2ke5qb0x4n3c1w9v7t", { auth: officer.token })).status).toBe(404);
    expect((await t.post("/v1/volunteer-teams", { name: "千鼓山巡逻队", area_id: tree.grid.id }, { auth: officer.token })).status).toBe(409);
    expect((await t.post("/v1/volunteer-teams", { name: "全县义警" }, { auth: officer.token })).status).toBe(403);
    expect((await t.post("/v1/volunteer-teams", { name: "全县义警" }, { auth: county.adminKey })).status).toBe(201);
    const listed = await t.get(`/v1/volunteer-teams?area_id=${tree.community.id}`, { auth: officer.token });
    expect(listed.json.data.map((x: { name: string }) => x.name)).toEqual(["千鼓山巡逻队"]);

    const r = await county.user("resident");
    const joined = await t.post("/v1/me/volunteer-profile", { team_id: team.json.id, home_area_id: tree.grid.id }, { auth: r.token });
    expect(joined.json.team).toEqual({ id: team.json.id, name: "千鼓山巡逻队" });
  });

  it("pending → verified → suspended → verified, by staff only, each audited; illegal moves are 409", async () => {
    const r = await county.user("resident");
    await t.post("/v1/me/volunteer-profile", { home_area_id: tree.grid.id }, { auth: r.token });
    const gw = await county.user("grid_worker", { areaIds: [tree.grid.id] });
    expect((await t.post(`/v1/volunteers/${r.id}/verify`, { reason: "身份已核实" }, { auth: gw.token })).json).toMatchObject({ status: "verified", status_reason: "身份已核实" });
    const twice = await t.post(`/v1/volunteers/${r.id}/verify`, {}, { auth: gw.token });
    expect(twice.status).toBe(409);
    expect(twice.json).toMatchObject({ status: 409, status_now: "verified" });
    expect((await t.post(`/v1/volunteers/${r.id}/suspend`, { reason: "投诉" }, { auth: gw.token })).json.status).toBe("suspended");
    expect((await t.post(`/v1/volunteers/${r.id}/verify`, {}, { auth: gw.token })).json.status).toBe("verified");
    const actions = await t.deps.client.execute({ sql: "SELECT action FROM audit_log WHERE subject_id = ? ORDER BY at, id", args: [r.id] });
    expect(actions.rows.map((x) => x.action)).toEqual(["volunteer.applied", "volunteer.verified", "volunteer.suspended", "volunteer.verified"]);
  });

  it("skills are the volunteer's to change only while pending; staff change them after verification", async () => {
    const r = await county.user("resident");
    await t.post("/v1/me/volunteer-profile", { home_area_id: tree.grid.id, skills: ["patrol"] }, { auth: r.token });
    const v = await refresh(t, county, r);
    expect((await t.patch("/v1/me/volunteer-profile", { skills: ["patrol", "first_aid"] }, { auth: v.token })).json.skills).toEqual(["first_aid", "patrol"]);
    await t.post(`/v1/volunteers/${r.id}/verify`, {}, { auth: county.adminKey });
    expect((await t.patch("/v1/me/volunteer-profile", { skills: ["driving"] }, { auth: v.token })).status).toBe(403);
    expect((await t.patch("/v1/me/volunteer-profile", { home_area_id: tree.grid2.id }, { auth: v.token })).json.home_area_id).toBe(tree.grid2.id);
    const officer = await county.user("officer", { areaIds: [tree.community.id] });
    expect((await t.patch(`/v1/volunteers/${r.id}`, { skills: ["driving"] }, { auth: officer.token })).json.skills).toEqual(["driving"]);
  });

  it("staff list volunteers by status and area; volunteers cannot list or read others", async () => {
    const gw = await county.user("grid_worker", { areaIds: [tree.grid.id] });
    const pending = await t.get(`/v1/volunteers?status=pending&area_id=${tree.community.id}`, { auth: gw.token });
    expect(pending.status).toBe(200);
    expect(pending.json.data.every((x: { status: string }) => x.status === "pending")).toBe(true);
    const r = await county.user("resident");
    await t.post("/v1/me/volunteer-profile", {}, { auth: r.token });
    const v = await refresh(t, county, r);
    expect((await t.get("/v1/volunteers", { auth: v.token })).status).toBe(403);
    expect((await t.get(`/v1/volunteers/${gw.id}`, { auth: v.token })).status).toBe(404);
    expect((await t.get(`/v1/volunteers/${v.id}`, { auth: v.token })).status).toBe(200);
  });

  it("staff of the area reveal a volunteer's real name and phone, audited; nobody else can", async () => {
    const r = await county.user("resident", { name: "雷建国", phone: "13812345678" });
    await t.post("/v1/me/volunteer-profile", { home_area_id: tree.grid.id }, { auth: r.token });
    const gw = await county.user("grid_worker", { areaIds: [tree.grid.id] });
    const res = await t.post(`/v1/volunteers/${r.id}/reveal`, undefined, { auth: gw.token });
    expect(res.json).toEqual({ user_id: r.id, display_name: "雷建国", phone: "13812345678" });
    const audit = await t.deps.client.execute({ sql: "SELECT actor FROM audit_log WHERE action = 'volunteer.revealed' AND subject_id = ?", args: [r.id] });
    expect(audit.rows.map((x) => x.actor)).toEqual([`user:${gw.id}`]);
    const elsewhere = await county.user("grid_worker", { areaIds: [tree.otherGrid.id] });
    expect((await t.post(`/v1/volunteers/${r.id}/reveal`, undefined, { auth: elsewhere.token })).status).toBe(403);
    const v = await refresh(t, county, r);
    expect((await t.post(`/v1/volunteers/${r.id}/reveal`, undefined, { auth: v.token })).status).toBe(403);
  });
});
