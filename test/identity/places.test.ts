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
const admin = () => ({ auth: county.adminKey });

describe("the area tree", () => {
  it("computes the path and returns the ancestors' names, root first", async () => {
    const res = await t.get(`/v1/areas/${places.grid1.id}`, admin());
    expect(res.status).toBe(200);
    expect(res.json.area_path.map((a: { name: string }) => a.name)).toEqual(["金沙县", "柳塘镇", "桃园社区", "桃园社区第1网格"]);
    expect(res.json.area_path.map((a: { level: string }) => a.level)).toEqual(["county", "town", "community", "grid"]);
    expect(res.json.parent_id).toBe(places.community.id);
  });

  it("refuses a parent that is not exactly one level up, a second county, and a taken code", async () => {
    const skip = await t.post("/v1/areas", { parent_id: places.town.id, level: "grid", name: "x" }, admin());
    expect(skip.status).toBe(400);
    expect(skip.json.errors[0].pointer).toBe("/body/parent_id");
    const orphan = await t.post("/v1/areas", { level: "town", name: "x" }, admin());
    expect(orphan.status).toBe(400);
    const second = await t.post("/v1/areas", { level: "county", name: "另一个县" }, admin());
    expect(second.status).toBe(409);
    const taken = await t.post("/v1/areas", { parent_id: places.community.id, level: "grid", name: "x", code: places.grid1.code }, admin());
    expect(taken.status).toBe(409);
  });

  it("lists by parent, by level and under an area, in cursor pages", async () => {
    const children = await t.get(`/v1/areas?parent_id=${places.community.id}`, admin());
    expect(children.json.data.map((a: { id: string }) => a.id).sort()).toEqual([places.grid1.id, places.grid2.id].sort());
    const roots = await t.get("/v1/areas?parent_id=root", admin());
    expect(roots.json.data.map((a: { id: string }) => a.id)).toEqual([places.root.id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await t.get(`/v1/areas?within=${places.town.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`, admin());
      expect(page.status).toBe(200);
      expect(page.json.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.data.map((a: { id: string }) => a.id));
      cursor = page.json.next_cursor;
    } while (cursor);
    expect(seen.sort()).toEqual([places.town.id, places.community.id, places.grid1.id, places.grid2.id].sort());

    const grids = await t.get("/v1/areas?level=grid", admin());
    expect(grids.json.data.every((a: { level: string }) => a.level === "grid")).toBe(true);
    expect(grids.json.data).toHaveLength(2);
  });

  it("renames an area but cannot move it", async () => {
    const res = await t.patch(`/v1/areas/${places.grid2.id}`, { name: "桃园社区第二网格" }, admin());
    expect(res.status).toBe(200);
    expect(res.json.area_path.at(-1).name).toBe("桃园社区第二网格");
    const move = await t.patch(`/v1/areas/${places.grid2.id}`, { parent_id: places.town.id }, admin());
    expect(move.status).toBe(400);
  });
});

describe("agencies", () => {
  it("creates, reads, updates and lists", async () => {
    const created = await t.post("/v1/agencies", { name: "金沙县自来水公司", kind: "utility", phone: "0857-7225678" }, admin());
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/v1/agencies/${created.json.id}`);
    const patched = await t.patch(`/v1/agencies/${created.json.id}`, { area_id: places.town.id }, admin());
    expect(patched.json).toMatchObject({ area_id: places.town.id, name: "金沙县自来水公司" });
    const utilities = await t.get("/v1/agencies?kind=utility", admin());
    expect(utilities.json.data.map((a: { id: string }) => a.id)).toEqual([created.json.id]);
    const badArea = await t.post("/v1/agencies", { name: "x", kind: "department", area_id: "area_nope" }, admin());
    expect(badArea.status).toBe(400);
    expect(badArea.json.errors[0].pointer).toBe("/body/area_id");
  });
});

describe("staff and a grid's roster", () => {
  it("registers staff with agency and areas; the token carries them", async () => {
    const officer = await staff(t, county, appKey, {
      role: "officer",
      agency_id: places.station.id,
      areas: [{ area_id: places.community.id, duty: "officer" }],
    });
    const me = await t.get("/v1/me", { auth: officer.token });
    expect(me.json.user).toMatchObject({ role: "officer", agency_id: places.station.id, area_ids: [places.community.id] });
    const noAgency = await t.post("/v1/users", { role: "dispatcher", subject_type: "staff_id", subject: "desk-x", display_name: "值班" }, admin());
    expect(noAgency.status).toBe(400);
    expect(noAgency.json.errors[0].pointer).toBe("/body/agency_id");
  });

  it("a grid has one leader; workers must be grid workers on a grid; the roster is masked", async () => {
    const leader = await staff(t, county, appKey, { role: "grid_worker", display_name: "李建华", phone: "13911112222", areas: [{ area_id: places.grid1.id, duty: "grid_leader" }] });
    const other = await staff(t, county, appKey, { role: "grid_worker", display_name: "张秀英", phone: "13933334444" });
    const second = await t.put(`/v1/areas/${places.grid1.id}/members/${other.id}`, { duty: "grid_leader" }, admin());
    expect(second.status).toBe(409);
    const worker = await t.put(`/v1/areas/${places.grid1.id}/members/${other.id}`, { duty: "grid_worker" }, admin());
    expect(worker.status).toBe(200);
    const onCommunity = await t.put(`/v1/areas/${places.community.id}/members/${other.id}`, { duty: "grid_worker" }, admin());
    expect(onCommunity.status).toBe(400);

    const roster = await t.get(`/v1/areas/${places.grid1.id}/members`, admin());
    expect(roster.json.data.map((m: { user_id: string; duty: string }) => [m.user_id, m.duty]).sort()).toEqual(
      [[leader.id, "grid_leader"], [other.id, "grid_worker"]].sort(),
    );
    expect(roster.text).not.toContain("13911112222");
    expect(roster.text).not.toContain("建华");

    const removed = await t.del(`/v1/areas/${places.grid1.id}/members/${leader.id}`, admin());
    expect(removed.status).toBe(204);
    const promoted = await t.put(`/v1/areas/${places.grid1.id}/members/${other.id}`, { duty: "grid_leader" }, admin());
    expect(promoted.status).toBe(200);
  });

  it("two admins naming two leaders of one grid at once: exactly one wins", async () => {
    const grid = await t.post("/v1/areas", { parent_id: places.community.id, level: "grid", name: "桃园社区第9网格" }, admin());
    const [a, b] = await Promise.all([
      staff(t, county, appKey, { role: "grid_worker" }),
      staff(t, county, appKey, { role: "grid_worker" }),
    ]);
    const results = await Promise.all([a!, b!].map((u) => t.put(`/v1/areas/${grid.json.id}/members/${u.id}`, { duty: "grid_leader" }, admin())));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const leaders = await t.get(`/v1/areas/${grid.json.id}/members?duty=grid_leader`, admin());
    expect(leaders.json.data).toHaveLength(1);
  });

  it("a jurisdiction gets one county even when two are created at once", async () => {
    const other = await tenant(t);
    const results = await Promise.all([1, 2].map((i) => t.post("/v1/areas", { level: "county", name: `县${i}` }, { auth: other.adminKey })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("a role change is conditional, drops duties the new role cannot hold, and is audited", async () => {
    const w = await staff(t, county, appKey, { role: "grid_worker", areas: [{ area_id: places.grid2.id, duty: "grid_worker" }] });
    const res = await t.patch(`/v1/users/${w.id}`, { role: "resident" }, admin());
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ role: "resident", areas: [] });
    const audit = await t.get(`/v1/audit-log?action=user.role_changed&subject_id=${w.id}`, admin());
    expect(audit.json.data).toHaveLength(1);
    expect(audit.json.data[0].detail).toMatchObject({ from: "grid_worker", to: "resident" });
  });

  it("a subject that is already a user is a conflict naming that user", async () => {
    const resident = await county.user("resident");
    const res = await t.post(
      "/v1/users",
      { role: "volunteer", subject_type: "wechat_openid", subject: resident.subject, display_name: "志愿者" },
      admin(),
    );
    expect(res.status).toBe(409);
    expect(res.json.user_id).toBe(resident.id);
    const promoted = await t.patch(`/v1/users/${resident.id}`, { role: "volunteer" }, admin());
    expect(promoted.json.role).toBe("volunteer");
  });

  it("lists users by role and area, masked", async () => {
    const res = await t.get(`/v1/users?role=grid_worker&area_id=${places.grid1.id}`, admin());
    expect(res.status).toBe(200);
    expect(res.json.data.length).toBeGreaterThan(0);
    for (const u of res.json.data) {
      expect(u.role).toBe("grid_worker");
      expect(u.areas.map((a: { area_id: string }) => a.area_id)).toContain(places.grid1.id);
      expect(u.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
  });
});

describe("households", () => {
  it("issues an unguessable doorplate code and masks the address", async () => {
    const a = await places.household(places.grid1, "柳塘镇桃园社区桃园路17号", "TY-0017");
    const b = await places.household(places.grid1, "柳塘镇桃园社区桃园路19号");
    expect(a.doorplate_code).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
    expect(a.doorplate_code).not.toBe(b.doorplate_code);
    expect(a.doorplate_url).toBe(`http://localhost/d/${a.doorplate_code}`);
    expect(a.address).not.toContain("17号");
    const dup = await t.post("/v1/households", { address: "x", grid_id: places.grid1.id, external_ref: "TY-0017" }, admin());
    expect(dup.status).toBe(409);
    const notGrid = await t.post("/v1/households", { address: "x", grid_id: places.community.id }, admin());
    expect(notGrid.status).toBe(400);
    expect(notGrid.json.errors[0].pointer).toBe("/body/grid_id");
  });

  it("lists by area including descendants and follows a move to another grid", async () => {
    const h = await places.household(places.grid2, "柳塘镇桃园社区民主路3号");
    const inTown = await t.get(`/v1/households?area_id=${places.town.id}&limit=100`, admin());
    expect(inTown.json.data.map((x: { id: string }) => x.id)).toContain(h.id);
    const moved = await t.patch(`/v1/households/${h.id}`, { grid_id: places.grid1.id }, admin());
    expect(moved.json.grid_id).toBe(places.grid1.id);
    const inGrid2 = await t.get(`/v1/households?area_id=${places.grid2.id}&limit=100`, admin());
    expect(inGrid2.json.data.map((x: { id: string }) => x.id)).not.toContain(h.id);
  });

  it("reissuing a doorplate retires the old code", async () => {
    const h = await places.household(places.grid1, "柳塘镇桃园社区桃园路21号");
    const res = await t.post(`/v1/households/${h.id}/doorplate`, undefined, admin());
    expect(res.status).toBe(200);
    expect(res.json.doorplate_code).not.toBe(h.doorplate_code);
    expect((await t.get(`/v1/doorplates/${h.doorplate_code}`)).status).toBe(404);
    expect((await t.get(`/v1/doorplates/${res.json.doorplate_code}`)).status).toBe(200);
  });

  it("grid workers see the households of their own grid only", async () => {
    const mine = await places.household(places.grid1, "柳塘镇桃园社区桃园路23号");
    const theirs = await places.household(places.grid2, "柳塘镇桃园社区桃园路25号");
    const w = await staff(t, county, appKey, { role: "grid_worker", areas: [{ area_id: places.grid1.id, duty: "grid_worker" }] });
    const list = await t.get("/v1/households?limit=100", { auth: w.token });
    const ids = list.json.data.map((x: { id: string }) => x.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect((await t.get(`/v1/households/${theirs.id}`, { auth: w.token })).status).toBe(404);
    expect((await t.get(`/v1/households/${mine.id}`, { auth: w.token })).status).toBe(200);
  });
});
