import { spawn } from "node:child_process";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menu, PAGES, startPublicAccount } from "../../examples/public-account/server.ts";
import { Fengqiao, responseOf } from "../src/index.js";
import { chromiumOptions, startWorld, type World } from "./e2e/world.ts";

/**
 * The third-party app and the official-account integration as they are run (their npm scripts)
 * against `npm start`'s server; the H5 pages in headless Chromium calling the API cross-origin.
 */
let w: World;
let browser: Browser;
let publicAccount: Awaited<ReturnType<typeof startPublicAccount>>;

beforeAll(async () => {
  w = await startWorld();
  const paKey = await w.admin.keys.create({ name: "Official account (e2e)", kind: "public_account" });
  publicAccount = await startPublicAccount({ port: w.pagePort, baseUrl: w.apiUrl, apiKey: paKey.secret, devLogin: true, publicUrl: "https://pa.example.gov.cn" });
  browser = await chromium.launch(chromiumOptions);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  publicAccount?.server.close();
  w?.stop();
});

describe("third-party app (examples/third-party-app)", () => {
  const run = async (env: Record<string, string>, ...args: string[]) => {
    const child = spawn(process.execPath, ["--import", "tsx", "examples/third-party-app/index.ts", ...args], {
      env: { ...process.env, FQ_BASE_URL: w.apiUrl, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code, out).toBe(0);
    return out;
  };

  it("files a request for its user, follows it while staff handle it, and rates it", async () => {
    const key = await w.admin.keys.create({ name: "Third-party app (e2e)", kind: "app" });
    const env = { FQ_API_KEY: key.secret };
    const filed = await run(env);
    expect(filed).toMatch(/acting for 赵\S* \(usr_\w+, resident\)/);
    const code = /tracking code (\S+) \(submitted\)/.exec(filed)?.[1];
    expect(code, filed).toBeDefined();

    // The desk and the department do their part through the same API.
    const agency = await w.admin.agencies.create({ name: "城管局", kind: "department" });
    const read = await w.admin.requests.get(code!);
    const dispatched = await w.admin.requests.dispatch(read.id, { agency_id: agency.id }, { ifMatch: responseOf(read)!.etag });
    const accepted = await w.admin.requests.accept(read.id, {}, { ifMatch: responseOf(dispatched)!.etag });
    await w.admin.requests.resolve(read.id, { result: "已责令施工方调整作业时间" }, { ifMatch: responseOf(accepted)!.etag });

    const followed = await run(env, "follow", code!);
    expect(followed).toContain(`${code}: resolved — 已责令施工方调整作业时间`);
    expect(followed).toMatch(/dispatched[\s\S]*accepted[\s\S]*resolved/);
    const rated = await run(env, "rate", code!, "5", "处理及时");
    expect(rated).toContain("rated 5/5: now rated");
    expect((await w.admin.requests.get(code!)).status).toBe("rated");
  }, 90_000);
});

describe("official account (examples/public-account)", () => {
  it("publishes a menu WeChat accepts: 我要办事 / 反诈预警 / 找活动, each link through OAuth to /pa/oauth", async () => {
    const m = (await (await fetch(`${publicAccount.url}/pa/menu.json`)).json()) as Awaited<ReturnType<typeof menu>> & { button: any[] };
    expect(m.button.map((b) => b.name)).toEqual(["我要办事", "反诈预警", "找活动"]);
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    const links: string[] = [];
    // WeChat's limits: ≤ 3 top-level buttons of ≤ 16 bytes, ≤ 5 sub-buttons of ≤ 60 bytes, view URLs ≤ 1024 bytes.
    expect(m.button.length).toBeLessThanOrEqual(3);
    for (const b of m.button) {
      expect(bytes(b.name)).toBeLessThanOrEqual(16);
      for (const sub of b.sub_button ?? [b]) {
        expect(sub.type).toBe("view");
        expect(bytes(sub.name)).toBeLessThanOrEqual(60);
        expect(bytes(sub.url)).toBeLessThanOrEqual(1024);
        links.push(sub.url);
      }
      expect((b.sub_button ?? []).length).toBeLessThanOrEqual(5);
    }
    for (const link of links) {
      const u = new URL(link);
      expect(u.origin + u.pathname).toBe("https://open.weixin.qq.com/connect/oauth2/authorize");
      expect(u.searchParams.get("redirect_uri")).toBe("https://pa.example.gov.cn/pa/oauth");
      expect(u.searchParams.get("scope")).toBe("snsapi_base");
      expect(PAGES).toContain(u.searchParams.get("state"));
    }
  });

  it("lands a follower from the menu on the H5 page signed in, with the token out of the address bar", async () => {
    const landing = await fetch(`${publicAccount.url}/pa/oauth?state=alerts&openid=o-e2e-follower`, { redirect: "manual" });
    expect(landing.status).toBe(302);
    const location = landing.headers.get("location")!;
    expect(location).toMatch(/^\/h5\/#page=alerts&token=/);
    // No open redirect through `state`, and no token without an identity.
    expect((await fetch(`${publicAccount.url}/pa/oauth?state=https://evil.example&openid=o-x`, { redirect: "manual" })).headers.get("location")).toMatch(/^\/h5\/#page=request&/);
    expect((await fetch(`${publicAccount.url}/pa/oauth?state=alerts`, { redirect: "manual" })).status).toBe(400);

    const page = await browser.newPage();
    await page.goto(publicAccount.url + location);
    await page.waitForSelector("body[data-user^=usr_]");
    expect(await page.textContent("#who")).toMatch(/^您好/);
    expect(page.url()).toBe(`${publicAccount.url}/h5/#page=alerts`);
    const userId = await page.getAttribute("body", "data-user");

    // 反诈预警: the follower (no grid yet) sees the county-wide alert, not an area's own.
    await page.waitForSelector("#alert-list li");
    expect(await page.textContent("#alert-list")).toContain(w.countyAlert.title_zh);
    expect(await page.textContent("#alert-list")).not.toContain(w.elsewhereAlert.title_zh);
    // Shown on the follower's phone counts as delivered to a resident in the alert's figures.
    await expect.poll(async () => (await w.admin.alerts.getStats(w.countyAlert.id)).by_reader_kind.resident?.delivered).toBe(1);

    // 我要办事: the catalogue from the server, the chosen service's own questions, a request the follower then follows.
    await page.click("nav a[href='#page=request']");
    await page.waitForSelector("#request-form [name=service_code] option[value=noise]", { state: "attached" });
    expect(await page.textContent("#request-form [name=service_code]")).toContain("噪音扰民");
    await page.selectOption("#request-form [name=service_code]", "noise");
    await page.selectOption("#request-form [name='attr:source']", "renovation");
    await page.fill("#request-form [name=description]", "楼下广场舞音响太响（公众号 E2E）");
    await page.click("#request-form button");
    await page.waitForFunction(() => /编号 \S+/.test(document.querySelector("#request-result")!.textContent ?? ""));
    const code = /编号 (\S+?)。/.exec((await page.textContent("#request-result"))!)![1]!;
    expect(await w.admin.requests.get(code)).toMatchObject({ channel: "public_account", service_code: "noise", attributes: { source: "renovation" }, reporter: { user_id: userId } });
    await page.click("nav a[href='#page=mine']");
    await page.waitForSelector("#mine-list li");
    expect(await page.textContent("#mine-list")).toContain(code);

    // 找活动: an officer posts a patrol; the follower finds it from the menu's third button.
    const station = await w.admin.agencies.create({ name: "E2E 派出所", kind: "police_station", area_id: w.county.id });
    await w.admin.users.create({ role: "officer", subject_type: "staff_id", subject: "e2e-officer", display_name: "马警官", agency_id: station.id, areas: [{ area_id: w.county.id, duty: "officer" }] });
    const officerToken = await w.admin.withOptions({ apiKey: (await w.admin.keys.create({ name: "e2e app", kind: "app" })).secret }).tokens.exchange({ subject_type: "staff_id", subject: "e2e-officer" });
    const starts = Date.now() + 2 * 3_600_000;
    await w.admin.withToken(officerToken.access_token).tasks.create({
      kind: "patrol",
      title: "夜间巡逻（E2E）",
      location: { lat: 27.46, lng: 106.22 },
      area_id: w.town.id,
      starts_at: new Date(starts).toISOString(),
      ends_at: new Date(starts + 3_600_000).toISOString(),
      capacity: 5,
      publish: true,
    });
    await page.click("nav a[href='#page=tasks']");
    await page.waitForSelector("#task-list li");
    expect(await page.textContent("#task-list")).toContain("夜间巡逻（E2E）");
    await page.close();

    // The mini-program's session endpoint gives the same user a token of its own.
    const session = await (await fetch(`${publicAccount.url}/mp/session?openid=o-e2e-follower`, { method: "POST" })).json();
    const me = await new Fengqiao({ baseUrl: w.apiUrl, token: session.access_token }).me();
    expect(me.user?.id).toBe(userId);
  }, 90_000);

  it("renews the follower's token from the sign-in cookie when the API refuses it; signed out, sends them back to the menu", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${publicAccount.url}/pa/oauth?state=mine&openid=o-e2e-renewal`);
    await page.waitForSelector("body[data-user^=usr_]");
    const userId = await page.getAttribute("body", "data-user");
    // The sign-in cookie is the backend's: no script on the page can read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain("fq_pa");

    // Past its 15 minutes the token is refused (here: one that was never valid); reopened, the page renews it unseen.
    const refused = w.requestsTo("GET", "/v1/me").filter((l) => l.status === 401).length;
    await page.evaluate(() => sessionStorage.setItem("fq-token", "expired-token"));
    await page.reload();
    await page.waitForSelector(`body[data-user="${userId}"]`);
    expect(await page.evaluate(() => sessionStorage.getItem("fq-token"))).not.toBe("expired-token");
    expect(w.requestsTo("GET", "/v1/me").filter((l) => l.status === 401).length).toBe(refused + 1);

    // Signed out here too: the page says to come back through the menu.
    await context.clearCookies();
    await page.evaluate(() => sessionStorage.setItem("fq-token", "expired-token"));
    await page.reload();
    await page.waitForFunction(() => document.querySelector("#who")?.textContent?.includes("登录已过期"));
    await context.close();

    // A cookie this server did not sign is not taken.
    const forged = Buffer.from(JSON.stringify({ openid: "o-e2e-renewal", exp: Date.now() + 3_600_000 })).toString("base64url");
    const res = await fetch(`${publicAccount.url}/pa/session`, { method: "POST", headers: { cookie: `fq_pa=${forged}.bm90LWEtc2lnbmF0dXJl` } });
    expect(res.status).toBe(401);
  }, 60_000);

  it("asks WeChat who the code belongs to when an official account is configured", async () => {
    const asked: string[] = [];
    const wechatApi = (async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify(url.includes("code=good") ? { openid: "o-real-follower" } : { errcode: 40029, errmsg: "invalid code" }));
    }) as typeof fetch;
    const key = await w.admin.keys.create({ name: "Official account, configured (e2e)", kind: "public_account" });
    const pa = await startPublicAccount({ port: 0, baseUrl: w.apiUrl, apiKey: key.secret, wechat: { appId: "wx123", secret: "s3cret" }, fetch: wechatApi });
    try {
      const ok = await fetch(`${pa.url}/pa/oauth?code=good&state=mine`, { redirect: "manual" });
      expect(ok.status).toBe(302);
      expect(asked[0]).toContain("https://api.weixin.qq.com/sns/oauth2/access_token?appid=wx123&secret=s3cret&code=good");
      // Without DEV_LOGIN an openid in the query is not taken at its word.
      expect((await fetch(`${pa.url}/pa/oauth?openid=o-impostor&state=mine`, { redirect: "manual" })).status).toBe(400);
      expect((await fetch(`${pa.url}/pa/oauth?code=bad&state=mine`, { redirect: "manual" })).status).toBe(502);
    } finally {
      pa.server.close();
    }
  });
});
