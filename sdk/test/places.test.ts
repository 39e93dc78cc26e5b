import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant, type Tenant } from "../../test/support/factories.ts";
import { NotFoundError, ValidationError, responseOf, type Fengqiao } from "../src/index.js";
import { sdkFor } from "./support.ts";

let t: TestApp;
let county: Tenant;
let admin: Fengqiao;
beforeAll(async () => {
  t = await testApp({ PUBLIC_BASE_URL: "https://fq.jinsha.example.gov.cn/" });
  county = await tenant(t);
  admin = sdkFor(t, { apiKey: county.adminKey });
});
afterAll(() => t.close());

let county_: Promise<{ id: string }> | undefined;
/** (The county, once) → town → community → grid through the SDK, as an admin console would build it. */
async function tree(suffix: string) {
  const root = await (county_ ??= admin.areas.create({ level: "county", name: "金沙县", code: "JS" }));
  const town = await admin.areas.create({ parent_id: root.id, level: "town", name: "柳塘镇", code: `LT-${suffix}` });
  const community = await admin.areas.create({ parent_id: town.id, level: "community", name: "桃园社区", code: `TY-${suffix}` });
  const grid = await admin.areas.create({ parent_id: community.id, level: "grid", name: "桃园社区第1网格", code: `G1-${suffix}` });
  return { town, community, grid };
}

describe("places namespaces against the real server", () => {
  it("builds the area tree, an agency and a roster", async () => {
    const { town, community, grid } = await tree("a");
    expect((await admin.areas.get(grid.id)).parent_id).toBe(community.id);
    const under: string[] = [];
    for await (const a of admin.areas.list({ within: town.id })) under.push(a.id);
    expect(under).toEqual(expect.arrayContaining([community.id, grid.id]));

    const station = await admin.agencies.create({ name: "柳塘派出所", kind: "police_station", area_id: town.id, phone: "0857-7221110" });
    expect((await admin.agencies.update(station.id, { phone: "0857-7221119" })).phone).toBe("0857-7221119");
    expect((await admin.agencies.list()).data.map((a) => a.id)).toContain(station.id);

    const worker = await admin.users.create({ role: "grid_worker", subject_type: "staff_id", subject: "gw-001", display_name: "张秀英", phone: "13933334444" });
    await admin.areas.assignMember(grid.id, worker.id, { duty: "grid_worker" });
    const roster = await admin.areas.listMembers(grid.id);
    expect(roster.data).toEqual([expect.objectContaining({ user_id: worker.id, duty: "grid_worker", phone: "139****4444" })]);
    await admin.areas.removeMember(grid.id, worker.id);
    expect((await admin.areas.listMembers(grid.id)).data).toEqual([]);
  });

  it("issues a doorplate anyone can resolve, prints its QR codes, and replaces it", async () => {
    const { grid } = await tree("b");
    const home = await admin.households.create({ address: "柳塘镇桃园社区桃园路17号2单元301", grid_id: grid.id, external_ref: "TY-0017-301" });
    expect(home.address).not.toContain("17号"); // masked in normal reads

    // A resident scanning the plate has no credential at all.
    const anonymous = sdkFor(t);
    const plate = await anonymous.doorplates.get(home.doorplate_code);
    expect(plate.grid).toMatchObject({ id: grid.id, name: "桃园社区第1网格" });
    const svg = await anonymous.doorplates.qrSvg(home.doorplate_code, { scale: 4 });
    expect(svg).toMatch(/<svg[\s\S]*<\/svg>/);
    const png = await anonymous.doorplates.qrPng(home.doorplate_code);
    expect(png).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    const reissued = await admin.households.reissueDoorplate(home.id);
    expect(reissued.doorplate_code).not.toBe(home.doorplate_code);
    await expect(anonymous.doorplates.get(home.doorplate_code)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("imports households from CSV (sent as text/csv) and reports bad rows by line", async () => {
    const { grid } = await tree("c");
    const csv = `address,grid,external_ref\n桃园路1号,${grid.code},IMP-1\n桃园路2号,${grid.code},IMP-2\n`;
    const imported = await admin.households.import(csv);
    expect(imported.imported).toBe(2);
    const bad = await admin.households.import(`address,grid\n桃园路3号,NO-SUCH-GRID\n`).catch((e) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.errors[0].pointer).toMatch(/2/);
    const refs: string[] = [];
    for await (const h of admin.households.list({ area_id: grid.id })) refs.push(h.external_ref ?? "");
    expect(refs.sort()).toEqual(["IMP-1", "IMP-2"]);
  });

  it("reveals personal data only on purpose, and the audit log shows who did", async () => {
    const { grid } = await tree("d");
    const home = await admin.households.create({ address: "桃园路88号", grid_id: grid.id });
    const revealed = await admin.households.reveal(home.id, { reason: "回访核实地址" });
    expect(revealed.address).toBe("桃园路88号");
    const resident = await admin.users.create({ role: "resident", subject_type: "phone", subject: "13877778888", display_name: "杨正华", phone: "13877778888" });
    expect((await admin.users.get(resident.id)).phone).toBe("138****8888");
    expect((await admin.users.reveal(resident.id, { reason: "联系当事人" })).phone).toBe("13877778888");

    const reveals = [];
    for await (const entry of admin.audit.list({ subject_id: home.id })) reveals.push(entry);
    expect(reveals.map((e) => e.action)).toEqual(["personal_data.revealed"]);
    expect(responseOf(await admin.users.update(resident.id, { display_name: "杨师傅" }))!.status).toBe(200);
  });
});
