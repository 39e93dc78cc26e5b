import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../worker/seed/demo.ts";
import { testApp, type TestApp } from "../support/app.ts";

let t: TestApp;
beforeAll(async () => (t = await testApp()));
afterAll(() => t.close());

const printed = (text: string, label: string) => new RegExp(`^\\s+${label}\\s+(\\S+)$`, "m").exec(text)?.[1] ?? "";

describe("the demo seed for npm start", () => {
  it("seeds a working county once, and prints keys that work", async () => {
    const text = await seedDemoIfEmpty(t.deps);
    expect(text).not.toBeNull();
    expect(await seedDemoIfEmpty(t.deps)).toBeNull();
    expect(Number((await t.deps.client.execute("SELECT count(*) AS n FROM jurisdictions")).rows[0]!.n)).toBe(1);

    const admin = printed(text!, "admin");
    const app = printed(text!, "app");
    const kiosk = printed(text!, "kiosk");
    const publicAccount = printed(text!, "public_account");
    expect((await t.get("/v1/me", { auth: kiosk })).json.key.kind).toBe("kiosk");
    expect((await t.get("/v1/me", { auth: publicAccount })).json.key.kind).toBe("public_account");

    const grids = await t.get("/v1/areas?level=grid&limit=100", { auth: admin });
    expect(grids.json.data.length).toBeGreaterThanOrEqual(24);
    const towns = await t.get("/v1/areas?level=town", { auth: admin });
    expect(towns.json.data.map((a: { name: string }) => a.name)).toContain("柳塘镇");
    expect(towns.json.data).toHaveLength(2);
    const stations = await t.get("/v1/agencies?kind=police_station", { auth: admin });
    expect(stations.json.data.map((a: { name: string }) => a.name)).toContain("柳塘派出所");
    const households = Number((await t.deps.client.execute("SELECT count(*) AS n FROM households")).rows[0]!.n);
    expect(households).toBeGreaterThanOrEqual(200);

    // The staff subjects it prints exchange for tokens with the right roles.
    const officer = await t.post("/v1/tokens", { subject_type: "staff_id", subject: "LT-TY-PO" }, { auth: app });
    expect(officer.json.user).toMatchObject({ role: "officer" });
    expect(officer.json.user.agency_id).toBe(stations.json.data.find((a: { name: string }) => a.name === "柳塘派出所").id);
    const dispatcher = await t.post("/v1/tokens", { subject_type: "staff_id", subject: "LT-DESK-1" }, { auth: app });
    expect(dispatcher.json.user.role).toBe("dispatcher");
    const resident = await t.post("/v1/tokens", { subject_type: "wechat_openid", subject: "demo-resident-1" }, { auth: app });
    expect(resident.json.user.role).toBe("resident");

    // The sample doorplate resolves, with its grid's staff and the community officer.
    const code = /\/d\/([0-9a-z]+)/.exec(text!)![1];
    const plate = await t.get(`/v1/doorplates/${code}`);
    expect(plate.status).toBe(200);
    expect(plate.json.grid_leader).not.toBeNull();
    expect(plate.json.grid_worker).not.toBeNull();
    expect(plate.json.officer.agency.name).toBe("柳塘派出所");
  });
});
