import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signupRace, volunteerTokens } from "../bench/scenarios/volunteers.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";
import { area } from "./factories.ts";

let t: TestApp;
let county: Tenant;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
});
afterAll(() => t.close());

describe("bench scenario: the sign-up race, through the public API only", () => {
  it("300 concurrent sign-ups for 20 places end with exactly 20 confirmed, twice over", async () => {
    const f = (url: string, init?: RequestInit) => Promise.resolve(t.app.request(url, init));
    const grid = await area(t, county.id, null, "grid", "bench grid");
    const appKey = (await county.key("app")).secret;
    const tokens = await volunteerTokens({ baseUrl: "http://local", appKey, count: 300, fetch: f });
    for (const run of [1, 2]) {
      const r = await signupRace({ baseUrl: "http://local", staffToken: county.adminKey, areaId: grid.id, tokens, capacity: 20, startsAt: t.deps.now(), fetch: f });
      expect(r, `run ${run}`).toMatchObject({ confirmed: 20, waitlisted: 280, failed: 0, server_confirmed: 20 });
    }
  });
});
