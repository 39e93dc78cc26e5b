import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { placesOf, staff } from "./helpers.ts";

/**
 * Who lists and reads households (and their doorplate codes), and who reveals a user's or a
 * household's personal data: a token acts with its key's scopes AND its user's role, so neither
 * the role alone nor the key alone is enough.
 */

let t: TestApp;
let county: Tenant;
let places: Awaited<ReturnType<typeof placesOf>>;
let appKey: string;
let staffKey: string;
let home: { id: string; doorplate_code: string };
let away: { id: string; doorplate_code: string };
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  places = await placesOf(t, county);
  // A resident-facing app (the default scopes) and a police staff app.
  appKey = (await county.key("app")).secret;
  staffKey = (await county.key("app", ["tokens:exchange", "places:read", "requests:read", "interventions:read"])).secret;
  home = await places.household(places.grid1, "柳塘镇桃园社区桃园路17号");
  away = await places.household(places.grid2, "柳塘镇桃园社区桃园路99号");
});
afterAll(() => t.close());

const admin = () => ({ auth: county.adminKey });
const auditCount = async (subjectId: string) =>
  Number((await t.deps.client.execute({ sql: "SELECT count(*) AS n FROM audit_log WHERE action = 'personal_data.revealed' AND subject_id = ?", args: [subjectId] })).rows[0]!.n);
const placed = async (areaId: string, name: string, phone: string) => {
  const r = await county.user("resident", { name, phone });
  const res = await t.put(`/v1/areas/${areaId}/members/${r.id}`, { duty: "member" }, admin());
  expect(res.status, res.text).toBe(200);
  return r;
};

describe("household lists and reads", () => {
  it("keys acting without a user, of every kind but admin, get 403 — a kiosk never reads doorplate codes", async () => {
    for (const kind of ["app", "kiosk", "public_account", "integration"] as const) {
      const key = (await county.key(kind)).secret;
      const list = await t.get("/v1/households?limit=100", { auth: key });
      expect(list.status, kind).toBe(403);
      expect(list.json.type).toBe("/problems/forbidden");
      expect(list.text).not.toContain(home.doorplate_code);
      expect((await t.get(`/v1/households/${home.id}`, { auth: key })).status, kind).toBe(403);
    }
  });

  it("admins (an admin key, or an admin user through an admin key) list every household with its doorplate code", async () => {
    const list = await t.get("/v1/households?limit=100", admin());
    expect(list.status).toBe(200);
    const row = list.json.data.find((h: { id: string }) => h.id === home.id);
    expect(row.doorplate_code).toBe(home.doorplate_code);
    expect(row.doorplate_url).toBe(`http://localhost/d/${home.doorplate_code}`);
    expect((await t.get(`/v1/households/${away.id}`, admin())).json.doorplate_code).toBe(away.doorplate_code);

    const adminKey2 = (await county.key("admin")).secret;
    const adminUser = await staff(t, county, adminKey2, { role: "admin" });
    const asUser = await t.get("/v1/households?limit=100", { auth: adminUser.token });
    expect(asUser.json.data.map((h: { doorplate_code: string }) => h.doorplate_code)).toEqual(expect.arrayContaining([home.doorplate_code, away.doorplate_code]));
  });

  it("staff users see their areas (the desk the jurisdiction), masked and without doorplate codes", async () => {
    const worker = await staff(t, county, appKey, { role: "grid_worker", areas: [{ area_id: places.grid1.id, duty: "grid_worker" }] });
    const mine = await t.get("/v1/households?limit=100", { auth: worker.token });
    expect(mine.status).toBe(200);
    expect(mine.json.data.map((h: { id: string }) => h.id)).toEqual([home.id]);
    expect(mine.json.data[0]).toMatchObject({ doorplate_code: null, doorplate_url: null, address: "柳塘镇桃园社***" });
    const one = await t.get(`/v1/households/${home.id}`, { auth: worker.token });
    expect(one.json).toMatchObject({ id: home.id, doorplate_code: null, doorplate_url: null });
    expect(one.text).not.toContain(home.doorplate_code);
    expect((await t.get(`/v1/households/${away.id}`, { auth: worker.token })).status).toBe(404);

    const desk = await staff(t, county, appKey, { role: "dispatcher", agency_id: places.station.id });
    const all = await t.get("/v1/households?limit=100", { auth: desk.token });
    expect(all.json.data.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining([home.id, away.id]));
    expect(all.text).not.toContain(home.doorplate_code);
    expect(all.text).not.toContain(away.doorplate_code);
  });

  it("an admin user through a key without `admin` is staff of their areas only: no codes, no jurisdiction-wide list", async () => {
    const kiosk = (await county.key("kiosk")).secret;
    const adminUser = await staff(t, county, kiosk, { role: "admin" });
    const list = await t.get("/v1/households?limit=100", { auth: adminUser.token });
    expect(list.status).toBe(200);
    expect(list.json.data).toEqual([]);
    expect((await t.get(`/v1/households/${home.id}`, { auth: adminUser.token })).status).toBe(404);
  });
});

describe("reveals", () => {
  it("an officer signed in through a resident-facing key cannot reveal anyone, even within their areas", async () => {
    const neighbour = await placed(places.grid1.id, "马大爷", "13812345678");
    const officer = await staff(t, county, appKey, { role: "officer", agency_id: places.station.id, areas: [{ area_id: places.community.id, duty: "officer" }] });
    const user = await t.post(`/v1/users/${neighbour.id}/reveal`, { reason: "回访" }, { auth: officer.token });
    expect(user.status).toBe(403);
    expect(user.text).not.toContain("13812345678");
    const hh = await t.post(`/v1/households/${home.id}/reveal`, { reason: "上门" }, { auth: officer.token });
    expect(hh.status).toBe(403);
    expect(hh.text).not.toContain("桃园路17号");
    expect(await auditCount(neighbour.id)).toBe(0);
    expect(await auditCount(home.id)).toBe(0);
  });

  it("an officer through a staff key reveals users and households within their areas; elsewhere they do not exist", async () => {
    const inside = await placed(places.grid1.id, "马大爷", "13812340001");
    const outside = await placed(places.grid2.id, "赵大妈", "13812340002");
    const unplaced = await county.user("resident", { name: "钱师傅", phone: "13812340003" });
    const officer = await staff(t, county, staffKey, { role: "officer", agency_id: places.station.id, areas: [{ area_id: places.grid1.id, duty: "officer" }] });

    const ok = await t.post(`/v1/users/${inside.id}/reveal`, { reason: "回访：核实电话" }, { auth: officer.token });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json).toMatchObject({ id: inside.id, display_name: "马大爷", phone: "13812340001" });
    expect(await auditCount(inside.id)).toBe(1);

    for (const [who, phone] of [[outside, "13812340002"], [unplaced, "13812340003"]] as const) {
      const res = await t.post(`/v1/users/${who.id}/reveal`, { reason: "回访" }, { auth: officer.token });
      expect(res.status).toBe(404);
      expect(res.json.type).toBe("/problems/not_found");
      expect(res.text).not.toContain(phone);
      expect(await auditCount(who.id)).toBe(0);
    }

    const hh = await t.post(`/v1/households/${home.id}/reveal`, { reason: "上门" }, { auth: officer.token });
    expect(hh.status).toBe(200);
    expect(hh.json.address).toBe("柳塘镇桃园社区桃园路17号");
    expect((await t.post(`/v1/households/${away.id}/reveal`, { reason: "上门" }, { auth: officer.token })).status).toBe(404);

    // An officer placed nowhere reaches no one.
    const idle = await staff(t, county, staffKey, { role: "officer", agency_id: places.station.id });
    expect((await t.post(`/v1/users/${inside.id}/reveal`, { reason: "回访" }, { auth: idle.token })).status).toBe(404);
  });

  it("an admin user reveals only through a key holding `admin`; through a kiosk key it is refused", async () => {
    const resident = await placed(places.grid1.id, "孙阿姨", "13812340004");
    const kiosk = (await county.key("kiosk")).secret;
    const viaKiosk = await staff(t, county, kiosk, { role: "admin" });
    const hh = await t.post(`/v1/households/${home.id}/reveal`, { reason: "打印门牌" }, { auth: viaKiosk.token });
    expect(hh.status).toBe(403);
    expect(hh.text).not.toContain("桃园路17号");
    expect((await t.post(`/v1/users/${resident.id}/reveal`, { reason: "核实" }, { auth: viaKiosk.token })).status).toBe(403);
    const viaApp = await staff(t, county, appKey, { role: "admin" });
    expect((await t.post(`/v1/users/${resident.id}/reveal`, { reason: "核实" }, { auth: viaApp.token })).status).toBe(403);
    expect(await auditCount(resident.id)).toBe(0);

    const adminKey2 = (await county.key("admin")).secret;
    const viaAdminKey = await staff(t, county, adminKey2, { role: "admin" });
    const ok = await t.post(`/v1/users/${resident.id}/reveal`, { reason: "核实" }, { auth: viaAdminKey.token });
    expect(ok.json.phone).toBe("13812340004");
    expect((await t.post(`/v1/households/${away.id}/reveal`, { reason: "打印门牌" }, { auth: viaAdminKey.token })).json.address).toBe("柳塘镇桃园社区桃园路99号");
  });

  it("keys acting without a user reveal nothing unless they are admin keys", async () => {
    const resident = await placed(places.grid1.id, "周大伯", "13812340005");
    for (const kind of ["app", "kiosk", "public_account", "integration"] as const) {
      const key = (await county.key(kind)).secret;
      expect((await t.post(`/v1/users/${resident.id}/reveal`, { reason: "x核实" }, { auth: key })).status, kind).toBe(403);
      expect((await t.post(`/v1/households/${home.id}/reveal`, { reason: "x核实" }, { auth: key })).status, kind).toBe(403);
    }
    expect((await t.post(`/v1/users/${resident.id}/reveal`, { reason: "核实" }, admin())).json.phone).toBe("13812340005");
  });
});
