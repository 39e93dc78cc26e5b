import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { placesOf, staff } from "./helpers.ts";

let t: TestApp;
let x: Tenant;
let y: Tenant;
let xPlaces: Awaited<ReturnType<typeof placesOf>>;
let yPlaces: Awaited<ReturnType<typeof placesOf>>;
beforeAll(async () => {
  t = await testApp();
  x = await tenant(t);
  y = await tenant(t);
  xPlaces = await placesOf(t, x);
  yPlaces = await placesOf(t, y);
});
afterAll(() => t.close());

describe("BOLA: a resident reaches only their own objects", () => {
  it("resident A reads themself, never resident B (404, not 403)", async () => {
    const a = await x.user("resident", { name: "陈桂兰", phone: "13800001111" });
    const b = await x.user("resident", { name: "赵国庆", phone: "13800002222" });
    const self = await t.get("/v1/users/me", { auth: a.token });
    expect(self.status).toBe(200);
    expect(self.json.id).toBe(a.id);
    expect((await t.get(`/v1/users/${a.id}`, { auth: a.token })).status).toBe(200);
    const other = await t.get(`/v1/users/${b.id}`, { auth: a.token });
    expect(other.status).toBe(404);
    expect(other.text).not.toContain("13800002222");
    // Same answer as for an id that does not exist at all.
    expect((await t.get("/v1/users/usr_01jf8z3m2ke5qb0x4n3c1w9v7t", { auth: a.token })).status).toBe(404);
    expect((await t.post(`/v1/users/${b.id}/reveal`, { reason: "curious" }, { auth: a.token })).status).toBe(403);
  });
});

describe("tenant isolation: another jurisdiction's objects do not exist", () => {
  it("X's admin gets 404 for Y's keys, areas, agencies, households and users", async () => {
    const yKey = await y.key("kiosk");
    const yHousehold = await yPlaces.household(yPlaces.grid1);
    const yUser = await y.user("resident");
    const auth = { auth: x.adminKey };
    for (const path of [
      `/v1/keys/${yKey.id}`,
      `/v1/areas/${yPlaces.grid1.id}`,
      `/v1/areas/${yPlaces.grid1.id}/members`,
      `/v1/agencies/${yPlaces.station.id}`,
      `/v1/households/${yHousehold.id}`,
      `/v1/users/${yUser.id}`,
    ]) {
      const res = await t.get(path, auth);
      expect(res.status, path).toBe(404);
    }
    expect((await t.post(`/v1/keys/${yKey.id}/revoke`, undefined, auth)).status).toBe(404);
    expect((await t.patch(`/v1/areas/${yPlaces.grid1.id}`, { name: "taken over" }, auth)).status).toBe(404);
    expect((await t.patch(`/v1/households/${yHousehold.id}`, { address: "x" }, auth)).status).toBe(404);
    expect((await t.post(`/v1/households/${yHousehold.id}/reveal`, { reason: "audit" }, auth)).status).toBe(404);
    expect((await t.post(`/v1/users/${yUser.id}/reveal`, { reason: "audit" }, auth)).status).toBe(404);
    expect((await t.put(`/v1/areas/${xPlaces.grid1.id}/members/${yUser.id}`, { duty: "member" }, auth)).status).toBe(404);
    // Y's grid cannot be used as a reference from X either.
    const cross = await t.post("/v1/households", { address: "x", grid_id: yPlaces.grid1.id }, auth);
    expect(cross.status).toBe(400);
  });

  it("lists never include another jurisdiction's rows", async () => {
    const auth = { auth: x.adminKey };
    const yIds = new Set([yPlaces.root.id, yPlaces.town.id, yPlaces.community.id, yPlaces.grid1.id, yPlaces.grid2.id, yPlaces.station.id]);
    for (const path of ["/v1/areas?limit=100", "/v1/agencies?limit=100", "/v1/households?limit=100", "/v1/users?limit=100", "/v1/keys?limit=100", "/v1/audit-log?limit=100"]) {
      const res = await t.get(path, auth);
      expect(res.status, path).toBe(200);
      for (const row of res.json.data) expect(yIds.has(row.id), path).toBe(false);
    }
    const yAudit = await t.get("/v1/audit-log?limit=100", { auth: y.adminKey });
    const xAudit = await t.get("/v1/audit-log?limit=100", auth);
    const xAuditIds = new Set(xAudit.json.data.map((e: { id: string }) => e.id));
    expect(yAudit.json.data.some((e: { id: string }) => xAuditIds.has(e.id))).toBe(false);
  });
});

describe("function-level authorization", () => {
  it("a resident token cannot call admin routes (403)", async () => {
    const r = await x.user("resident");
    const auth = { auth: r.token };
    const calls = [
      t.post("/v1/areas", { level: "town", name: "x", parent_id: xPlaces.root.id }, auth),
      t.patch(`/v1/areas/${xPlaces.grid1.id}`, { name: "x" }, auth),
      t.post("/v1/agencies", { name: "x", kind: "other" }, auth),
      t.post("/v1/users", { role: "admin", subject_type: "staff_id", subject: "me-admin", display_name: "x" }, auth),
      t.patch(`/v1/users/${r.id}`, { role: "admin" }, auth),
      t.get("/v1/users", auth),
      t.post("/v1/households", { address: "x", grid_id: xPlaces.grid1.id }, auth),
      t.get("/v1/households", auth),
      t.post("/v1/households/import", "address,grid\nx,y\n", { ...auth, headers: { "content-type": "text/csv" } }),
      t.put(`/v1/areas/${xPlaces.grid1.id}/members/${r.id}`, { duty: "member" }, auth),
      t.get("/v1/audit-log", auth),
      t.post("/v1/keys", { name: "mine", kind: "admin" }, auth),
      t.get("/v1/keys", auth),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status, res.json?.instance).toBe(403);
      expect(res.json.type).toBe("/problems/forbidden");
    }
    // Reading the tree stays open to residents: apps show area names.
    expect((await t.get(`/v1/areas/${xPlaces.grid1.id}`, auth)).status).toBe(200);
  });

  it("an admin user acting through an app key is limited by that key, and a kiosk key is not an admin", async () => {
    const appKey = (await x.key("app")).secret;
    const adminUser = await staff(t, x, appKey, { role: "admin" });
    expect((await t.post("/v1/agencies", { name: "x", kind: "other" }, { auth: adminUser.token })).status).toBe(403);
    const kiosk = (await x.key("kiosk")).secret;
    expect((await t.post("/v1/agencies", { name: "x", kind: "other" }, { auth: kiosk })).status).toBe(403);
    expect((await t.get("/v1/areas", { auth: kiosk })).status).toBe(200);
  });

  it("non-admin staff cannot manage users, and only admins and officers reveal", async () => {
    const appKey = (await x.key("app")).secret;
    const worker = await staff(t, x, appKey, { role: "grid_worker", areas: [{ area_id: xPlaces.grid1.id, duty: "grid_worker" }] });
    const resident = await x.user("resident");
    expect((await t.get(`/v1/users/${resident.id}`, { auth: worker.token })).status).toBe(403);
    expect((await t.post(`/v1/users/${resident.id}/reveal`, { reason: "call back" }, { auth: worker.token })).status).toBe(403);
    const home = await xPlaces.household(xPlaces.grid1);
    expect((await t.post(`/v1/households/${home.id}/reveal`, { reason: "visit" }, { auth: worker.token })).status).toBe(403);
  });

  it("no credential at all is 401 on every non-public route", async () => {
    for (const path of ["/v1/areas", "/v1/agencies", "/v1/users/me", "/v1/households", "/v1/audit-log"]) {
      const res = await t.get(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
  });
});
