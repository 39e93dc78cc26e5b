import QRCode from "qrcode";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { placesOf, staff } from "./helpers.ts";

let t: TestApp;
let county: Tenant;
let places: Awaited<ReturnType<typeof placesOf>>;
let appKey: string;
beforeAll(async () => {
  t = await testApp({ PUBLIC_BASE_URL: "https://fq.jinsha.example.gov.cn/" });
  county = await tenant(t);
  places = await placesOf(t, county);
  appKey = (await county.key("app")).secret;
});
afterAll(() => t.close());

describe("a scanned doorplate", () => {
  it("shows the place, the duty staff masked and the service menu, and nothing about anyone's identity", async () => {
    const leader = await staff(t, county, appKey, { role: "grid_worker", display_name: "李建华", phone: "13911112222", areas: [{ area_id: places.grid1.id, duty: "grid_leader" }] });
    await staff(t, county, appKey, { role: "grid_worker", display_name: "张秀英", phone: "13933334444", areas: [{ area_id: places.grid1.id, duty: "grid_worker" }] });
    await staff(t, county, appKey, {
      role: "officer",
      display_name: "马元平",
      phone: "13955556666",
      agency_id: places.station.id,
      areas: [{ area_id: places.community.id, duty: "officer" }],
    });
    // An occupant known to the system: a resident on the grid's team, registered with name and phone.
    const occupant = await t.post(
      "/v1/users",
      { role: "resident", subject_type: "phone", subject: "13877778888", display_name: "杨正华", phone: "13877778888", areas: [{ area_id: places.grid1.id, duty: "member" }] },
      { auth: county.adminKey },
    );
    expect(occupant.status).toBe(201);
    const home = await places.household(places.grid1, "柳塘镇桃园社区桃园路17号2单元301", "TY-0017-301");

    const res = await t.get(`/v1/doorplates/${home.doorplate_code}`);
    expect(res.status).toBe(200);
    expect(res.json.area_path.map((a: { name: string }) => a.name)).toEqual(["金沙县", "柳塘镇", "桃园社区", "桃园社区第1网格"]);
    expect(res.json.grid).toMatchObject({ id: places.grid1.id, name: "桃园社区第1网格" });
    expect(res.json.grid_leader).toMatchObject({ display_name: "李**", phone: "139****2222" });
    expect(res.json.grid_worker).toMatchObject({ display_name: "张**", phone: "139****4444" });
    // The grid has no officer of its own: the community's answers for it, with the station's public number.
    expect(res.json.officer).toMatchObject({ display_name: "马**", phone: "139****6666", agency: { name: "柳塘派出所", phone: "0857-7221110" } });
    expect(res.json.services.services_url).toContain(places.grid1.id);
    expect(res.json.services.menu.map((m: { key: string }) => m.key)).toContain("request");

    const body = res.text;
    for (const absent of ["13911112222", "13933334444", "13955556666", "13877778888", "7778888", "建华", "秀英", "元平", "杨正华", "正华", "17号", "2单元", "TY-0017", leader.id, leader.subject, home.id, "usr_", "hh_"]) {
      expect(body, absent).not.toContain(absent);
    }
    const page = await t.get(`/d/${home.doorplate_code}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.text).toContain("桃园社区第1网格");
    for (const absent of ["13911112222", "13877778888", "杨正华", "17号"]) expect(page.text).not.toContain(absent);
  });

  it("needs no credential, ignores case, and answers 404 for an unknown code", async () => {
    const home = await places.household(places.grid2);
    expect((await t.get(`/v1/doorplates/${home.doorplate_code.toUpperCase()}`)).status).toBe(200);
    const unknown = await t.get("/v1/doorplates/0000000000000000000000000a");
    expect(unknown.status).toBe(404);
    expect(unknown.json.type).toBe("/problems/not_found");
    expect((await t.get("/d/0000000000000000000000000a")).status).toBe(404);
    expect((await t.get("/v1/doorplates/0000000000000000000000000a/qr.svg")).status).toBe(404);
  });
});

/** Reads a 1-bit greyscale PNG back into a module matrix (true = dark) by sampling module centres. */
function pngModules(png: Uint8Array, scale: number, margin: number) {
  expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset);
  let o = 8;
  let width = 0;
  const idat: Uint8Array[] = [];
  while (o < png.length) {
    const len = view.getUint32(o);
    const type = String.fromCharCode(...png.slice(o + 4, o + 8));
    if (type === "IHDR") {
      width = view.getUint32(o + 8);
      expect(png[o + 16]).toBe(1); // bit depth
    }
    if (type === "IDAT") idat.push(png.slice(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rowBytes = Math.ceil(width / 8) + 1;
  const size = width / scale - margin * 2;
  const dark = (x: number, y: number) => ((raw[y * rowBytes + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1) === 0;
  return Array.from({ length: size * size }, (_, i) => {
    const mx = i % size;
    const my = Math.floor(i / size);
    return dark((mx + margin) * scale + (scale >> 1), (my + margin) * scale + (scale >> 1));
  });
}

describe("doorplate QR codes", () => {
  it("encode PUBLIC_BASE_URL/d/<code> as SVG and as PNG", async () => {
    const home = await places.household(places.grid1);
    const url = `https://fq.jinsha.example.gov.cn/d/${home.doorplate_code}`;
    expect(home.doorplate_url).toBe(url);
    const symbol = QRCode.create(url, { errorCorrectionLevel: "M" });

    const svg = await t.get(`/v1/doorplates/${home.doorplate_code}/qr.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(svg.text).toBe(await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4, width: (symbol.modules.size + 8) * 8 }));

    const res = await t.app.request(`/v1/doorplates/${home.doorplate_code}/qr.png?scale=3&margin=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const modules = pngModules(new Uint8Array(await res.arrayBuffer()), 3, 2);
    expect(modules).toEqual([...symbol.modules.data].map((b) => b === 1));
  });

  it("default to the request's origin when PUBLIC_BASE_URL is not set", async () => {
    const plain = await testApp();
    try {
      const c = await tenant(plain);
      const p = await placesOf(plain, c);
      const home = await p.household(p.grid1);
      expect(home.doorplate_url).toBe(`http://localhost/d/${home.doorplate_code}`);
      const svg = await plain.get(`/v1/doorplates/${home.doorplate_code}/qr.svg?margin=4&scale=8`);
      expect(svg.text).toBe(await QRCode.toString(home.doorplate_url, { type: "svg", errorCorrectionLevel: "M", margin: 4, width: (QRCode.create(home.doorplate_url, { errorCorrectionLevel: "M" }).modules.size + 8) * 8 }));
    } finally {
      await plain.close();
    }
  });
});
