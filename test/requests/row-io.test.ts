import { eq, sql } from "drizzle-orm";
import { blob, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowJson } from "../../worker/db/row-json.ts";
import { insertStatement } from "../../worker/db/statements.ts";
import { requestJson } from "../../worker/services/requests/request-json.ts";
import { serviceRequests } from "../../worker/db/schema/index.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { world, type World } from "./factories.ts";

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await testApp();
  w = await world(t);
});
afterAll(() => t.close());

describe("rows read as one JSON value", () => {
  it("equal drizzle's own rows column for column: nulls, booleans, JSON, reals, generated columns", async () => {
    const filed = await t.post(
      "/v1/requests",
      { service_code: "noise", attributes: { source: "shop" }, doorplate_code: w.home.doorplateCode, location: { lat: 35.237213, long: 110.149087 }, description: "夜市音响\n\"太吵\"" },
      { auth: w.resident.token },
    );
    expect(filed.status).toBe(201);
    // A closed, rated one too, so later lifecycle columns hold values rather than nulls.
    await t.deps.db.update(serviceRequests).set({ active: false, rating: 2, ratingComment: "慢", closedAt: t.deps.now() }).where(eq(serviceRequests.id, filed.json.id));
    const json = requestJson;
    for (const id of [filed.json.id]) {
      const [plain] = await t.deps.db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
      const [viaJson] = await t.deps.db.select({ row: json }).from(serviceRequests).where(eq(serviceRequests.id, id));
      expect(viaJson!.row).toEqual(plain);
      expect(Object.keys(viaJson!.row)).toEqual(Object.keys(plain!));
    }
  });

  it("reads SQLite's generated area columns the same as it derives them", async () => {
    const [row] = await t.deps.db.select().from(serviceRequests).limit(1);
    expect(row!.areaGrid).toBe(w.grid.id); // filed by doorplate in this grid
    expect(() => rowJson(serviceRequests)).toThrow(/generated column areaTown needs a derivation/);
  });

  it("refuses a column kind it cannot represent exactly", () => {
    const odd = sqliteTable("odd", { id: text().primaryKey(), at: integer({ mode: "timestamp" }), raw: blob() });
    expect(() => rowJson(odd)).toThrow(/no exact JSON form/);
  });
});

describe("rows written from SQL prepared once", () => {
  it("store exactly what drizzle's insert stores: JSON, booleans, defaults, generated columns", async () => {
    const filed = await t.post("/v1/requests", { service_code: "noise", attributes: { source: "shop" }, area_id: w.grid.id, description: "门口\t\"音响\"" }, { auth: w.resident.token });
    expect(filed.status).toBe(201);
    const [viaStatement] = await t.deps.db.select().from(serviceRequests).where(eq(serviceRequests.id, filed.json.id));
    const { escalationLevel: _e, photoCount: _p, ...withoutDefaults } = viaStatement!;
    const copy = { ...withoutDefaults, id: `${viaStatement!.id}x`, trackingCode: `${viaStatement!.trackingCode}X` };
    await t.deps.db.insert(serviceRequests).values(copy);
    const [viaDrizzle] = await t.deps.db.select().from(serviceRequests).where(eq(serviceRequests.id, copy.id));
    expect({ ...viaDrizzle, id: viaStatement!.id, trackingCode: viaStatement!.trackingCode }).toEqual(viaStatement);
    const direct = insertStatement(serviceRequests)({ ...withoutDefaults, id: `${viaStatement!.id}y`, trackingCode: `${viaStatement!.trackingCode}Y` });
    await t.deps.client.execute(direct);
    const [viaHelper] = await t.deps.db.select().from(serviceRequests).where(eq(serviceRequests.id, `${viaStatement!.id}y`));
    expect(viaHelper).toMatchObject({ escalationLevel: 0, photoCount: 0, attributes: { source: "shop" }, active: true, areaGrid: w.grid.id });
  });

  it("refuses a table whose default only SQLite can compute", () => {
    const stamped = sqliteTable("stamped", { id: text().primaryKey(), at: integer().default(sql`(unixepoch())`) });
    expect(() => insertStatement(stamped)).toThrow(/SQL default/);
  });
});
