import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { placesOf } from "./helpers.ts";

let t: TestApp;
let county: Tenant;
let places: Awaited<ReturnType<typeof placesOf>>;
beforeAll(async () => {
  // A tiny global body limit: the import route must still take files far larger than it.
  t = await testApp({ BODY_LIMIT_BYTES: "2048" });
  county = await tenant(t);
  places = await placesOf(t, county);
});
afterAll(() => t.close());

const importCsv = (csv: string | Uint8Array, contentType = "text/csv; charset=utf-8") =>
  t.post("/v1/households/import", csv, { auth: county.adminKey, headers: { "content-type": contentType } });
const count = async () => Number((await t.deps.client.execute("SELECT count(*) AS n FROM households")).rows[0]!.n);

describe("households CSV import (all or nothing)", () => {
  it("imports every row in one go, by grid id or grid code, with quoted fields", async () => {
    const before = await count();
    const csv = [
      "address,grid,lat,lng,external_ref",
      `柳塘镇桃园路1号,${places.grid1.id},27.4612,106.2231,TY-1`,
      `"柳塘镇桃园路2号, 后院",${places.grid2.code},,,TY-2`,
      `"柳塘镇""新村""3号",${places.grid1.code},27.46,106.22,`,
    ].join("\r\n");
    const res = await importCsv(csv);
    expect(res.status).toBe(201);
    expect(res.json.imported).toBe(3);
    expect(res.json.households.map((h: { line: number }) => h.line)).toEqual([2, 3, 4]);
    expect(new Set(res.json.households.map((h: { doorplate_code: string }) => h.doorplate_code)).size).toBe(3);
    expect(await count()).toBe(before + 3);
    const second = await t.get(`/v1/households?external_ref=TY-2`, { auth: county.adminKey });
    expect(second.json.data[0].grid_id).toBe(places.grid2.id);
    const revealed = await t.post(`/v1/households/${second.json.data[0].id}/reveal`, { reason: "print plate" }, { auth: county.adminKey });
    expect(revealed.json.address).toBe("柳塘镇桃园路2号, 后院");
  });

  it("a file with bad rows writes nothing and reports each problem by line and column, without echoing values", async () => {
    const before = await count();
    const secretish = "13912345678";
    const csv = [
      "address,grid,lat,lng,external_ref",
      `桃园路10号,${places.grid1.id},27.46,106.22,TY-10`, // line 2: fine
      `,${places.grid1.id},,,`, // line 3: no address
      `桃园路12号,GRID-${secretish},,,`, // line 4: unknown grid
      `桃园路13号,${places.community.id},,,`, // line 5: not a grid
      `桃园路14号,${places.grid1.id},95,106.22,`, // line 6: latitude out of range
      `桃园路15号,${places.grid1.id},27.46,,`, // line 7: lat without lng
      `桃园路16号,${places.grid1.id},,,TY-10`, // line 8: repeats line 2's reference
      `桃园路17号,${places.grid1.id},,,TY-1`, // line 9: reference taken by an earlier import
      `桃园路18号,${places.grid1.id}`, // line 10: too few fields
      `桃园路19号,${places.grid1.id},,,TY-19`, // line 11: fine
    ].join("\n");
    const res = await importCsv(csv);
    expect(res.status).toBe(400);
    expect(res.json.type).toBe("/problems/validation_failed");
    expect(await count()).toBe(before);
    const got = res.json.errors.map((e: { line: number; pointer: string }) => [e.line, e.pointer]);
    expect(got).toEqual([
      [3, "/body/3/address"],
      [4, "/body/4/grid"],
      [5, "/body/5/grid"],
      [6, "/body/6/lat"],
      [7, "/body/7/lng"],
      [8, "/body/8/external_ref"],
      [9, "/body/9/external_ref"],
      [10, "/body/10"],
    ]);
    expect(res.json.error_count).toBe(8);
    expect(res.json.errors.find((e: { line: number }) => e.line === 8).detail).toContain("line 2");
    expect(res.text).not.toContain(secretish);
    expect(res.text).not.toContain("桃园路");
  });

  it("refuses a bad header, a broken quote, an empty file and the wrong media type", async () => {
    const unknown = await importCsv(`address,grid,phone\nx,${places.grid1.id},13800000000\n`);
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0]).toMatchObject({ line: 1, pointer: "/body/1" });
    expect(unknown.text).not.toContain("13800000000");
    const missing = await importCsv(`address,lat\nx,1\n`);
    expect(missing.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(["/body/1/grid"]);
    const broken = await importCsv(`address,grid\n"x,${places.grid1.id}\n`);
    expect(broken.status).toBe(400);
    expect(broken.json.errors[0].line).toBe(2);
    expect((await importCsv("")).status).toBe(400);
    expect((await importCsv("address,grid\n")).status).toBe(400);
    const json = await importCsv(JSON.stringify([{ address: "x" }]), "application/json");
    expect(json.status).toBe(415);
  });

  it("takes bodies above the global limit, reads GB18030 when declared, and caps the row count", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `柳塘镇龙凤巷${i + 1}号,${places.grid2.code},,,LF-${i + 1}`);
    const big = ["address,grid,lat,lng,external_ref", ...rows].join("\n");
    expect(new TextEncoder().encode(big).length).toBeGreaterThan(2048);
    const res = await importCsv(big);
    expect(res.status).toBe(201);
    expect(res.json.imported).toBe(300);
    // Still capped elsewhere.
    expect((await t.post("/v1/agencies", { name: "x".repeat(3000), kind: "other" }, { auth: county.adminKey })).status).toBe(413);

    // "新华路1号" in GB18030, as Excel in a Chinese locale saves it.
    const gbk = new Uint8Array([
      ...new TextEncoder().encode("address,grid\n"),
      0xd0, 0xc2, 0xbb, 0xaa, 0xc2, 0xb7, 0x31, 0xba, 0xc5,
      ...new TextEncoder().encode(`,${places.grid1.code}\n`),
    ]);
    const asUtf8 = await importCsv(gbk, "text/csv");
    expect(asUtf8.status).toBe(400);
    const declared = await importCsv(gbk, "text/csv; charset=gb18030");
    expect(declared.status).toBe(201);
    const revealed = await t.post(`/v1/households/${declared.json.households[0].id}/reveal`, { reason: "check" }, { auth: county.adminKey });
    expect(revealed.json.address).toBe("新华路1号");

    const tooMany = ["address,grid", ...Array.from({ length: 10_001 }, () => `x,${places.grid1.code}`)].join("\n");
    const before = await count();
    const capped = await importCsv(tooMany);
    expect(capped.status).toBe(400);
    expect(capped.json.errors[0].detail).toContain("10000");
    expect(await count()).toBe(before);
  });
});
