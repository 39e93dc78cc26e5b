import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { populateAntifraud, seedIndicators, type Shape } from "../bench/fixtures/antifraud.ts";
import { antifraudPrincipals, fraudCheckLoad, inboxLoads, publishScaling } from "../bench/scenarios/antifraud.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";

/** The bench's fixture and scenarios, at toy size against the in-process app: they must produce what the bench measures. */
const SMALL: Shape = { towns: 2, communitiesPerTown: 2, gridsPerCommunity: 3, householdsPerGrid: 5, smallTownGrids: 2 };

let t: TestApp;
let county: Tenant;
const fetchApp = (url: string, init?: RequestInit) => Promise.resolve(t.app.request(url.replace("http://bench", ""), init));

beforeAll(async () => {
  t = await testApp();
  county = await tenant(t, "bench");
});
afterAll(() => t.close());

describe("anti-fraud bench fixture and scenarios", () => {
  it("populate the tree, households, alerts and receipts the bench reads", async () => {
    const now = t.deps.now();
    const fx = await populateAntifraud(t.deps.client, { jurisdictionId: county.id, shape: SMALL, alerts: 200, receiptGrids: 2, sample: 10, now });
    expect(fx.households).toBe(2 * 2 * 3 * 5 + 2 * 5);
    expect(fx.alerts).toBe(200);
    expect(fx.doorplates.length).toBeGreaterThan(0);
    const targets = await t.deps.client.execute({ sql: "SELECT count(*) AS n FROM alert_targets WHERE jurisdiction_id = ?", args: [county.id] });
    expect(targets.rows[0]!.n).toBe(200);
    // The triggers kept the per-area counts the audience estimate reads.
    const counts = await t.deps.client.execute({ sql: "SELECT sum(households) AS n FROM area_household_counts WHERE jurisdiction_id = ?", args: [county.id] });
    expect(counts.rows[0]!.n).toBe(fx.households);

    const who = await antifraudPrincipals({ baseUrl: "http://bench", adminKey: county.adminKey, client: t.deps.client, fixture: fx, residents: 5, fetch: fetchApp });
    const pub = await publishScaling({ baseUrl: "http://bench", token: who.dispatcherToken, smallAreaId: fx.smallTownId, largeAreaId: fx.countyId, runs: 2, fetch: fetchApp });
    expect(pub.small_p50_ms).toBeGreaterThan(0);
    expect(pub.large_p50_ms).toBeGreaterThan(0);

    // Each inbox request the load would send answers 200 with alerts in it.
    for (const o of inboxLoads("http://bench", fx, who)) {
      for (const i of [0, 1, 2]) {
        const s = o.variants![i % o.variants!.length]!;
        const path = s.path ?? new URL(o.url).pathname + new URL(o.url).search;
        const res = await t.app.request(path, { headers: { ...o.headers, ...s.headers } });
        expect(res.status, o.name).toBe(200);
        expect(((await res.json()) as { data: unknown[] }).data.length, o.name).toBeGreaterThan(0);
      }
    }
  });

  it("seeds indicators that checks find, in the format the load sends", async () => {
    const numbers = await seedIndicators(t.deps.client, t.deps.config, county.id, 20, t.deps.now());
    const kiosk = await county.key("kiosk");
    const o = fraudCheckLoad("http://bench", kiosk.secret, numbers);
    const verdicts = [];
    for (const i of [0, 1, 2, 3]) {
      const res = await t.post("/v1/fraud/checks", JSON.parse(o.variants![i]!.body!), { auth: kiosk.secret });
      expect(res.status).toBe(200);
      verdicts.push(res.json.verdict);
    }
    expect(verdicts[0]).not.toBe("none"); // a seeded number
    expect(verdicts[1]).toBe("none"); // a fresh one
  });
});
