import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant, type Tenant } from "../../test/support/factories.ts";
import { seedCatalogue } from "../../worker/services/catalogue/seed-catalogue.ts";
import { AuthenticationError, ConnectionError, OfflineQueue, memoryStorage, type Credential } from "../src/index.js";
import { sdkFor } from "./support.ts";

/**
 * Tokens live 15 minutes and kiosk keys are rotated: a client given a function for its credential
 * renews it on a 401 and sends the request again, with the same idempotency key.
 */
let t: TestApp;
let county: Tenant;
let appKey: string;
beforeAll(async () => {
  t = await testApp();
  county = await tenant(t);
  await seedCatalogue(t.deps, county.id);
  appKey = (await county.key("app")).secret;
});
afterAll(() => t.close());

/** What a backend does for a signed-in follower: exchange their identity for a fresh token. */
async function freshToken(subject: string) {
  return (await sdkFor(t, { apiKey: appKey }).tokens.exchange({ subject_type: "wechat_openid", subject })).access_token;
}

/** A credential function that keeps the token it got, renews when asked, and records its calls. */
function cachedToken(subject: string, first?: string) {
  const calls: { renew: boolean }[] = [];
  let token = first;
  const credential: Credential = async ({ renew }) => {
    calls.push({ renew });
    if (renew || !token) token = await freshToken(subject);
    return token;
  };
  return { calls, credential };
}

describe("a credential given as a function", () => {
  it("is asked once per request while it works, and the token it gives is the caller", async () => {
    const { calls, credential } = cachedToken("o-cred-1");
    const fq = sdkFor(t, { token: credential });
    const me = await fq.me();
    expect(me.user?.role).toBe("resident");
    await fq.me();
    expect(calls).toEqual([{ renew: false }, { renew: false }]);
  });

  it("renews an expired token on the 401 and sends the write again under the same idempotency key", async () => {
    const stale = await freshToken("o-cred-2");
    t.clock.advance(16 * 60_000); // past the token's 15 minutes
    const { calls, credential } = cachedToken("o-cred-2", stale);
    const sent: { authorization?: string; key?: string; status: number }[] = [];
    const fq = sdkFor(t, {
      token: credential,
      fetch: async (input, init) => {
        const res = await t.app.request(input, init);
        const headers = init.headers as Record<string, string>;
        sent.push({ authorization: headers.authorization, key: headers["idempotency-key"], status: res.status });
        return res;
      },
    });
    const filed = await fq.requests.create({ service_code: "noise", description: "楼下烧烤店油烟（凭证续期）", attributes: { source: "shop" } });
    expect(filed.tracking_code).toMatch(/\S/);
    expect(calls).toEqual([{ renew: false }, { renew: true }]);
    expect(sent.map((s) => s.status)).toEqual([401, 201]);
    expect(sent[0]!.authorization).toBe(`Bearer ${stale}`);
    expect(sent[1]!.authorization).not.toBe(sent[0]!.authorization);
    expect(sent[1]!.key).toBe(sent[0]!.key);
  });

  it("renews once only: a credential the API keeps refusing ends in AuthenticationError", async () => {
    const calls: boolean[] = [];
    const fq = sdkFor(t, { apiKey: ({ renew }) => (calls.push(renew), "fq_revoked_or_unknown") });
    await expect(fq.me()).rejects.toBeInstanceOf(AuthenticationError);
    expect(calls).toEqual([false, true]);
  });

  it("a plain string is never renewed", async () => {
    const stale = await freshToken("o-cred-3");
    t.clock.advance(16 * 60_000);
    await expect(sdkFor(t, { token: stale }).me()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("that cannot give one (no network to fetch it) counts as no connection: the offline queue keeps the write", async () => {
    const fq = sdkFor(t, { apiKey: () => Promise.reject(new TypeError("fetch failed")), maxRetries: 0 });
    await expect(fq.me()).rejects.toBeInstanceOf(ConnectionError);
    const queue = new OfflineQueue(fq, { storage: memoryStorage(), isOnline: () => true });
    const item = await queue.send("createServiceRequest", { body: { service_code: "noise", description: "取不到密钥时排队", attributes: { source: "shop" } } });
    expect(item.state).toBe("queued");
  });
});
