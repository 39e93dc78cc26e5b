import { serve } from "@hono/node-server";
import type { AddressInfo, Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startPublicAccount } from "../../examples/public-account/server.ts";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant } from "../../test/support/factories.ts";
import type { Fengqiao, WxLike } from "../src/index.js";

// The snippet imports the published package name; here it is the SDK's source.
vi.mock("@fengqiao/sdk", () => import("../src/index.js"));

/**
 * The mini-program snippet (examples/public-account/mini-program/utils/fengqiao.js) as WeChat runs
 * it: `wx.login` codes go to the backend's /mp/session (WeChat's code2session answered by a stand-in),
 * and the SDK talks to the API through wx.request. The API runs in-process on a clock the test moves.
 */
let t: TestApp;
let api: Server;
let backend: Awaited<ReturnType<typeof startPublicAccount>>;
let fq: Fengqiao;
const logins: string[] = [];
const apiCalls: { path: string; status: number }[] = [];

/** A stand-in `wx`: login hands out codes; request behaves as WeChat documents (success for any status, JSON parsed by default). */
function fakeWx(apiUrl: string, backendUrl: string): WxLike & { login(o: { success(r: { code: string }): void; fail(e: unknown): void }): void } {
  return {
    login: ({ success }) => {
      logins.push(`code-${logins.length + 1}`);
      success({ code: logins.at(-1)! });
    },
    request(o) {
      const url = o.url.replace("https://fq.example.gov.cn", apiUrl).replace("https://pa.example.gov.cn", backendUrl);
      void fetch(url, { method: o.method, headers: o.header, body: typeof o.data === "string" ? o.data : undefined })
        .then(async (res) => {
          const text = await res.text();
          if (url.startsWith(apiUrl)) apiCalls.push({ path: new URL(url).pathname, status: res.status });
          const header: Record<string, string> = {};
          res.headers.forEach((v, k) => (header[k] = v));
          o.success({ statusCode: res.status, header, data: o.dataType === "text" ? text : text ? JSON.parse(text) : "" });
        })
        .catch((err) => o.fail({ errMsg: String(err) }));
      return { abort() {} };
    },
  };
}

beforeAll(async () => {
  t = await testApp();
  const county = await tenant(t);
  const { port } = await new Promise<AddressInfo>((resolve) => {
    api = serve({ fetch: t.app.fetch, hostname: "127.0.0.1", port: 0 }, resolve) as Server;
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  const key = await county.key("public_account");
  // WeChat's code2session: every code from this phone is the same follower.
  const wechat = (async (url: string) => new Response(JSON.stringify(url.includes("js_code=code-") ? { openid: "o-mp-follower", session_key: "x" } : { errcode: 40029 }))) as typeof fetch;
  backend = await startPublicAccount({ port: 0, baseUrl: apiUrl, apiKey: key.secret, miniProgram: { appId: "wxmp", secret: "s" }, fetch: wechat });
  (globalThis as { wx?: unknown }).wx = fakeWx(apiUrl, backend.url);
  // The snippet reads expiry against the phone's clock: the same clock as the API's.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t.clock.now());
  // @ts-expect-error plain JavaScript for WeChat DevTools, shipped without declarations
  ({ fq } = (await import("../../examples/public-account/mini-program/utils/fengqiao.js")) as { fq: Fengqiao });
});

afterAll(async () => {
  vi.useRealTimers();
  delete (globalThis as { wx?: unknown }).wx;
  backend?.server.close();
  await new Promise((resolve) => api?.close(resolve));
  await t?.close();
});

describe("the mini-program snippet", () => {
  it("logs in once for calls made together, then reuses the token", async () => {
    const [a, b, c] = await Promise.all([fq.me(), fq.me(), fq.me()]);
    expect(a.user?.role).toBe("resident");
    expect([b.user?.id, c.user?.id]).toEqual([a.user?.id, a.user?.id]);
    await fq.me();
    expect(logins).toHaveLength(1);
    expect(apiCalls.every((c) => c.status === 200)).toBe(true);
  });

  it("renews a minute before the token expires, without a refused call", async () => {
    t.clock.advance(14.5 * 60_000);
    vi.setSystemTime(t.clock.now());
    const before = apiCalls.length;
    await fq.me();
    expect(logins).toHaveLength(2);
    expect(apiCalls.slice(before).map((c) => c.status)).toEqual([200]);
  });

  it("renews at once when the API refuses a token the phone still thinks good (its clock is behind)", async () => {
    t.clock.advance(16 * 60_000); // the API's clock only
    const before = apiCalls.length;
    const me = await fq.me();
    expect(me.user?.role).toBe("resident");
    expect(logins).toHaveLength(3);
    expect(apiCalls.slice(before).map((c) => c.status)).toEqual([401, 200]);
  });
});
