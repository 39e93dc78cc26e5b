import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { findKeyBySecret, KEY_CACHE_ENTRIES, MISS_CACHE_ENTRIES } from "../../worker/services/auth/key-lookup.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { tenant, type Tenant } from "../support/factories.ts";

/** Failed authentications are limited per client address; misses never crowd real keys out of the key cache. */
afterEach(() => void vi.restoreAllMocks());

const made = (i: number) => `fq_madeup00_${String(i).padStart(43, "0")}`;

describe("failed authentications, per client address", () => {
  let t: TestApp;
  let county: Tenant;
  const BUDGET = 5;
  beforeAll(async () => {
    t = await testApp({ RATE_LIMIT_PER_MINUTE: String(BUDGET) });
    county = await tenant(t);
  });
  afterAll(() => t.close());

  const me = (auth: string, addr: string) => t.get("/v1/me", { auth, headers: { "x-test-client": addr } });

  it("are 401 within the budget and 429 past it, while a valid key from another address still works", async () => {
    // Unknown keys, a forged token and a malformed header all count.
    const failures = [made(1), made(2), made(3), "not.a.token"];
    for (const f of failures) expect((await me(f, "10.0.0.1")).status).toBe(401);
    const malformed = await t.get("/v1/me", { headers: { authorization: "Basic abc", "x-test-client": "10.0.0.1" } });
    expect(malformed.status).toBe(401);

    const refused = await me(made(4), "10.0.0.1");
    expect(refused.status).toBe(429);
    expect(refused.json.type).toBe("/problems/rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-policy")).toBe(`"authfail";q=${BUDGET};w=60`);
    expect(refused.headers.get("ratelimit")).toMatch(/^"authfail";r=0;t=\d+$/);

    // Another address is its own budget: a valid key from there works.
    expect((await me(county.adminKey, "10.0.0.2")).status).toBe(200);
    // A request without a credential from the locked-out address is not affected.
    expect((await t.get("/v1/doorplates/none", { headers: { "x-test-client": "10.0.0.1" } })).status).toBe(404);

    // While over, the address's credentials are not even looked up: no limiter hit, no query.
    const hits = vi.spyOn(t.deps.rateLimiter, "hit");
    const queries = vi.spyOn(t.deps.client, "execute");
    expect((await me(made(5), "10.0.0.1")).status).toBe(429);
    expect((await me(county.adminKey, "10.0.0.1")).status).toBe(429);
    expect(hits).not.toHaveBeenCalled();
    expect(queries).not.toHaveBeenCalled();
    vi.restoreAllMocks();

    // The next window starts afresh.
    t.clock.advance(60_000);
    expect((await me(county.adminKey, "10.0.0.1")).status).toBe(200);
    expect((await me(made(6), "10.0.0.1")).status).toBe(401);
  });

  it("do not include tokens this deployment signed that merely expired: an app refreshing its users' tokens is not locked out", async () => {
    t.clock.advance(60_000);
    const app = await county.key("app");
    const tokens: string[] = [];
    for (let i = 0; i < BUDGET + 2; i++) {
      t.clock.advance(60_000); // the app key's own budget is BUDGET a minute too
      const res = await t.post("/v1/tokens", { subject_type: "app_user", subject: `u-${i}` }, { auth: app.secret, headers: { "x-test-client": `10.1.0.${i}` } });
      expect(res.status).toBe(200);
      tokens.push(res.json.access_token);
    }
    t.clock.advance(16 * 60_000);
    for (const token of tokens) expect((await me(token, "10.0.0.9")).status).toBe(401);
    expect((await me(app.secret, "10.0.0.9")).status).toBe(200);
    t.clock.advance(60_000);
    // A forged one does count.
    const [h, p] = tokens[0]!.split(".");
    for (let i = 0; i < BUDGET; i++) expect((await me(`${h}.${p}.forged${i}`, "10.0.0.9")).status).toBe(401);
    expect((await me(`${h}.${p}.forged`, "10.0.0.9")).status).toBe(429);
  });
});

describe("the key cache under a flood of made-up keys", () => {
  let t: TestApp;
  let county: Tenant;
  beforeAll(async () => {
    t = await testApp();
    county = await tenant(t);
  });
  afterAll(() => t.close());

  it("never evicts a valid key: misses are cached apart and bounded", async () => {
    const valid = await county.key("kiosk");
    expect(await findKeyBySecret(t.deps, valid.secret)).not.toBeNull();

    const flood = KEY_CACHE_ENTRIES + 50;
    for (let i = 0; i < flood; i++) expect(await findKeyBySecret(t.deps, made(i))).toBeNull();

    const queries = vi.spyOn(t.deps.client, "execute");
    // Still answered from the cache, without a query.
    expect((await findKeyBySecret(t.deps, valid.secret))?.id).toBe(valid.id);
    expect(queries).toHaveBeenCalledTimes(0);
    // The newest misses are remembered; the oldest were pushed out (the miss cache holds MISS_CACHE_ENTRIES).
    expect(await findKeyBySecret(t.deps, made(flood - 1))).toBeNull();
    expect(queries).toHaveBeenCalledTimes(0);
    expect(await findKeyBySecret(t.deps, made(flood - 1 - MISS_CACHE_ENTRIES))).toBeNull();
    expect(queries).toHaveBeenCalledTimes(1);

    // And through HTTP the valid key still authenticates.
    expect((await t.get("/v1/me", { auth: valid.secret })).status).toBe(200);
  });
});
