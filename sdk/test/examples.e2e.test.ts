import { createClient } from "@libsql/client";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKiosk } from "../../examples/kiosk/server.ts";
import { menu, PAGES, startPublicAccount } from "../../examples/public-account/server.ts";
import { freePort } from "../../test/bench/servers.ts";
import { parseConfig } from "../../worker/config.ts";
import { memoryBlobStore } from "../../worker/runtime/disk-blobs.ts";
import { nodeDeps, openDatabase } from "../../worker/runtime/node-deps.ts";
import { seedCatalogue } from "../../worker/services/catalogue/seed-catalogue.ts";
import { createJurisdiction } from "../../worker/services/jurisdictions/create-jurisdiction.ts";
import { Fengqiao, responseOf, type QueuedItem } from "../src/index.js";

/**
 * The examples as they are run: the Node server (`npm start`) on a loopback port over a fresh data
 * folder, each example started by its own script, pages in headless Chromium calling the API
 * cross-origin. For the kiosk, the network is cut and restored under the page.
 */
const dir = mkdtempSync(join(tmpdir(), "fq-kiosk-"));
let api: ChildProcess;
let apiUrl: string;
let apiLog = "";
let kiosk: Awaited<ReturnType<typeof startKiosk>>;
let kioskOptions: Parameters<typeof startKiosk>[0];
let kioskKeyId: string;
let publicAccount: Awaited<ReturnType<typeof startPublicAccount>>;
let admin: Fengqiao;
let browser: Browser;
/** What setup puts on the server for the pages to show. */
let county: { id: string };
let town: { id: string };
let hallAlert: { id: string; title_zh: string; body_zh: string };
let countyAlert: { id: string; title_zh: string };
let elsewhereAlert: { title_zh: string };
const reportedPhone = "170 1234 5678";
const confirmedPhone = "+86 171-0000-4321";

const chromiumOptions = {
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
};

/** The API's access log: one JSON line per request, naming the route pattern. */
const requestsTo = (method: string, route: string) =>
  apiLog
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l))
    .filter((l) => l.msg === "request" && l.method === method && l.route === route);

beforeAll(async () => {
  // A tenant in the data folder the server will open (as `npm run tenant:create` would make it).
  const config = parseConfig({ LIBSQL_URL: `file:${dir}/fengqiao.db`, TOKEN_SECRET: "e2e-token-secret-0123456789abcdef-0123456789" });
  const db = await openDatabase(config);
  const deps = nodeDeps(config, db, memoryBlobStore(), () => {});
  const { adminKey, jurisdiction } = await createJurisdiction(deps, { code: "e2e", name: "E2E 县" });
  await seedCatalogue(deps, jurisdiction.id);
  db.close();

  const [apiPort, kioskPort, paPort] = [await freePort(), await freePort(), await freePort()];
  apiUrl = `http://127.0.0.1:${apiPort}`;
  api = spawn(process.execPath, ["--import", "tsx", "worker/node.ts"], {
    env: { ...process.env, PORT: String(apiPort), HOST: "127.0.0.1", DATA_DIR: dir, CORS_ORIGINS: `http://127.0.0.1:${kioskPort},http://127.0.0.1:${paPort}`, JOBS_INTERVAL_MS: "3600000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  api.stdout!.on("data", (d: Buffer) => (apiLog += d.toString()));
  api.stderr!.on("data", (d: Buffer) => (apiLog += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => apiLog.includes("listening on") && (clearInterval(timer), resolve()), 50);
    api.on("exit", (code) => reject(new Error(`API exited ${code}: ${apiLog}`)));
  });

  admin = new Fengqiao({ baseUrl: apiUrl, apiKey: adminKey });
  // The area tree: the kiosk stands in a community's service hall, under a town; another town beside it.
  county = await admin.areas.create({ level: "county", name: "E2E 县" });
  town = await admin.areas.create({ parent_id: county.id, level: "town", name: "E2E 镇", lat: 27.46, lng: 106.22 });
  const hall = await admin.areas.create({ parent_id: town.id, level: "community", name: "E2E 社区" });
  const otherTown = await admin.areas.create({ parent_id: county.id, level: "town", name: "E2E 邻镇" });
  // Alerts as the police would send them (an admin key may author): one covers the hall through its
  // town, one the whole county, one only the other town.
  const alert = { kind: "fraud_warning", severity: "Severe", urgency: "Immediate", certainty: "Observed" } as const;
  const publish = async (body: Parameters<Fengqiao["alerts"]["create"]>[0]) => admin.alerts.publish((await admin.alerts.create(body)).id);
  hallAlert = await publish({ ...alert, title_zh: "警惕冒充公检法“安全账户”诈骗（E2E）", body_zh: "近期有骗子冒充民警来电，要求转账至“安全账户”。", instruction_zh: "接到此类电话请立即挂断并拨打96110。", area_ids: [town.id] });
  countyAlert = await publish({ ...alert, severity: "Moderate", title_zh: "全县反诈提醒：刷单返利都是诈骗（E2E）", body_zh: "网上刷单先返小利，再骗大钱。", whole_jurisdiction: true });
  elsewhereAlert = await publish({ ...alert, title_zh: "邻镇专项提醒（E2E）", body_zh: "只发给邻镇。", area_ids: [otherTown.id] });
  // Numbers residents reported; the police confirmed the second.
  await admin.fraud.report({ kind: "phone", value: reportedPhone, narrative: "自称快递客服，说包裹丢失要理赔，让我下载会议软件共享屏幕。" });
  const confirmed = await admin.fraud.report({ kind: "phone", value: confirmedPhone, narrative: "冒充公安民警，称银行卡涉嫌洗钱。" });
  await admin.fraud.confirm(confirmed.indicator.id, { note: "经核实为诈骗号码。" });

  const kioskKey = await admin.keys.create({ name: "Hall kiosk (e2e)", kind: "kiosk" });
  kioskKeyId = kioskKey.id;
  kioskOptions = { port: kioskPort, baseUrl: apiUrl, apiKey: kioskKey.secret, areaId: hall.id };
  kiosk = await startKiosk(kioskOptions);
  const paKey = await admin.keys.create({ name: "Official account (e2e)", kind: "public_account" });
  publicAccount = await startPublicAccount({ port: paPort, baseUrl: apiUrl, apiKey: paKey.secret, devLogin: true, publicUrl: "https://pa.example.gov.cn" });
  browser = await chromium.launch(chromiumOptions);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  kiosk?.server.close();
  publicAccount?.server.close();
  api?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("kiosk page (examples/kiosk) in Chromium against the running server", () => {
  it("registers a walk-in online, keeps a registration made offline, and replays it exactly once", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sentKeys: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url() === `${apiUrl}/v1/tokens`) sentKeys.push(r.headers()["idempotency-key"]!);
    });
    await page.goto(kiosk.url);
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.textContent("#status")).toBe("在线");
    expect(await page.textContent("#kiosk-id")).toMatch(/^终端 key_/);

    // Online: a resident registers by phone and the answer shows at once.
    await page.click("[data-feature=register]");
    await page.fill("#register-form [name=phone]", "138 0013 8001");
    await page.fill("#register-form [name=name]", "李阿姨");
    await page.click("#register-form button");
    await page.waitForSelector("#register-result[data-state=sent]");
    expect(await page.textContent("#register-result")).toContain("已登记");

    // The cable comes out. The next registration is kept on the kiosk, not lost, not sent.
    await context.setOffline(true);
    await page.waitForSelector("#status[data-state=offline]");
    await page.fill("#register-form [name=phone]", "13900139002");
    await page.fill("#register-form [name=name]", "王师傅");
    await page.click("#register-form button");
    await page.waitForSelector("#register-result[data-state=queued]");
    await expect.poll(() => page.textContent("#pending")).toBe("1 项待发送");
    // What the kiosk keeps in IndexedDB, read through the page's own SDK (a string, so vitest leaves the import alone).
    const readStore = () => page.evaluate<QueuedItem[]>(`import("/sdk.js").then((sdk) => sdk.indexedDbStorage("fengqiao-kiosk").load())`);
    const stored = await readStore();
    const queued = stored.find((i) => i.state === "queued")!;
    expect(queued).toMatchObject({ operation: "exchangeToken", input: { body: { subject: "13900139002" } } });
    expect(requestsTo("POST", "/v1/tokens")).toHaveLength(1);

    // The network returns: the queued write goes out by itself, with the key it was given offline.
    await context.setOffline(false);
    await page.waitForSelector("#register-result[data-state=sent]");
    expect(await page.textContent("#register-result")).toContain("已登记");
    await expect.poll(() => page.textContent("#pending")).toBe("");
    expect(sentKeys).toHaveLength(2);
    expect(sentKeys[1]).toBe(queued.idempotencyKey);
    await expect.poll(() => requestsTo("POST", "/v1/tokens").length).toBe(2);

    // Server side: the resident exists once; the token the answer carried was not kept on the kiosk.
    const db = createClient({ url: `file:${dir}/fengqiao.db` });
    const users = await db.execute({ sql: "SELECT count(*) AS n FROM users WHERE subject = ?", args: ["13900139002"] });
    db.close();
    expect(Number(users.rows[0]!.n)).toBe(1);
    const after = await readStore();
    expect(after.map((i) => i.state)).toEqual(["sent", "sent"]);
    expect(JSON.stringify(after)).not.toContain("access_token");
    expect(JSON.stringify(after)).not.toContain("13900139002");
    await context.close();
  }, 120_000);

  /** Requests with this description, as stored (the API masks nothing here: this is the server's own file). */
  const rowsWith = async (description: string) => {
    const db = createClient({ url: `file:${dir}/fengqiao.db` });
    const rows = await db.execute({ sql: "SELECT id, tracking_code, channel FROM service_requests WHERE description = ?", args: [description] });
    db.close();
    return rows.rows;
  };
  const fileNoise = async (page: Page, description: string) => {
    await page.click("#services button[data-code=noise]");
    // The service's own required question, rendered from the catalogue.
    await page.selectOption("#request-form [name='attr:source']", "renovation");
    await page.fill("#request-form [name=description]", description);
    await page.fill("#request-form [name=phone]", "13700137003");
    await page.click("#request-form button[type=submit]");
  };
  const stopKiosk = () =>
    new Promise<void>((resolve) => {
      kiosk.server.close(() => resolve());
      kiosk.server.closeAllConnections();
    });
  const trackingCode = async (page: Page) => (await page.textContent("#request-result[data-state=sent] .code"))!.replace(/^受理编号 /, "");

  it("files a walk-in's request from the catalogue and shows its tracking code; one filed offline goes out once when the network returns", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(kiosk.url);
    await page.waitForSelector("body[data-ready=true]");

    await page.click("[data-feature=request]");
    await page.waitForSelector("#services button[data-code=noise]");
    expect(await page.textContent("#services button[data-code=noise]")).toBe("噪音扰民");
    const online = "楼上装修每天早上七点开始电钻（自助终端 E2E）";
    await fileNoise(page, online);
    await page.waitForSelector("#request-result[data-state=sent] .code");
    const code = await trackingCode(page);
    const filed = await admin.requests.get(code);
    expect(filed).toMatchObject({ channel: "kiosk", service_code: "noise", status: "submitted", description: online, attributes: { source: "renovation" } });
    expect(filed.location.area_id).toBe(kiosk.areaId);

    // Offline, the kiosk still offers the catalogue it last read, and keeps the request for later.
    await context.setOffline(true);
    await page.waitForSelector("#status[data-state=offline]");
    await page.click("#back");
    await page.click("[data-feature=request]");
    await page.waitForSelector("#services button[data-code=noise]");
    const offline = "小区门口夜市油烟噪音扰民（离线提交 E2E）";
    await fileNoise(page, offline);
    await page.waitForSelector("#request-result[data-state=queued]");
    expect(await page.textContent("#request-result")).toContain("恢复后自动提交");
    await expect.poll(() => page.textContent("#pending")).toBe("1 项待发送");
    expect(await rowsWith(offline)).toHaveLength(0);

    await context.setOffline(false);
    await page.waitForSelector("#request-result[data-state=sent] .code");
    const replayed = await trackingCode(page);
    expect(replayed).not.toBe(code);
    const rows = await rowsWith(offline);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tracking_code: replayed, channel: "kiosk" });
    await expect.poll(() => page.textContent("#pending")).toBe("");
    // The kiosk keeps the code it showed, not the walk-in's contact details.
    const stored = JSON.stringify(await page.evaluate(`import("/sdk.js").then((sdk) => sdk.indexedDbStorage("fengqiao-kiosk").load())`));
    expect(stored).toContain(replayed);
    expect(stored).not.toContain("13700137003");
    await context.close();
  }, 120_000);

  it("shows the alerts covering the hall and counts the one a resident opens as read", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(kiosk.url);
    await page.waitForSelector("body[data-ready=true]");
    const before = await admin.alerts.getStats(hallAlert.id);

    await page.click("[data-feature=alerts]");
    const item = page.locator(`#alerts li[data-id="${hallAlert.id}"]`);
    await item.waitFor();
    const shown = await page.textContent("#alerts");
    expect(shown).toContain(hallAlert.title_zh);
    expect(shown).toContain(countyAlert.title_zh);
    expect(shown).not.toContain(elsewhereAlert.title_zh);
    expect(await item.getAttribute("data-unread")).toBe("true");

    await item.locator(".headline").click();
    await page.waitForSelector(`#alerts li[data-id="${hallAlert.id}"][data-receipt=sent]`);
    expect(await item.locator(".body").textContent()).toContain(hallAlert.body_zh);
    const stats = await admin.alerts.getStats(hallAlert.id);
    expect(stats.read).toBe(before.read + 1);
    expect(stats.by_reader_kind.kiosk?.read).toBe(1);

    // Listed again, the server remembers this kiosk has read it.
    await page.click("#back");
    await page.click("[data-feature=alerts]");
    await page.waitForSelector(`#alerts li[data-id="${hallAlert.id}"][data-unread=false]`);
    expect(await page.getAttribute(`#alerts li[data-id="${countyAlert.id}"]`, "data-unread")).toBe("true");
    await context.close();
  }, 60_000);

  it("checks a phone number as typed and shows the verdict", async () => {
    const page = await browser.newPage();
    await page.goto(kiosk.url);
    await page.waitForSelector("body[data-ready=true]");
    await page.click("[data-feature=check]");
    const check = async (value: string) => {
      await page.fill("#check-form [name=value]", value);
      await page.click("#check-form button");
      await page.waitForSelector("#check-result[data-verdict]");
      return { verdict: await page.getAttribute("#check-result", "data-verdict"), text: await page.textContent("#check-result") };
    };
    // Spaced and prefixed differently from how they were reported: the server normalises.
    expect(await check("17012345678")).toMatchObject({ verdict: "reported", text: expect.stringContaining("有群众举报过此号码") });
    expect(await check("171 0000 4321")).toMatchObject({ verdict: "confirmed", text: expect.stringContaining("已确认的诈骗号码") });
    const none = await check("13912345678");
    expect(none).toMatchObject({ verdict: "none", text: expect.stringContaining("暂无举报记录") });
    expect(none.text).not.toContain("13912345678"); // shown masked
    await page.close();
  }, 60_000);

  it("starts after a restart without network, takes a request, and sends it once the network returns; the device key is never stored", async () => {
    // A browser profile on disk, as on the terminal: closing and relaunching it is switching the kiosk off and on.
    const profile = mkdtempSync(join(tmpdir(), "fq-kiosk-profile-"));
    const launch = () => chromium.launchPersistentContext(profile, chromiumOptions);
    try {
      let context = await launch();
      let page = context.pages()[0] ?? (await context.newPage());
      await page.goto(kiosk.url);
      await page.waitForSelector("body[data-ready=true][data-offline-start=ready]");
      await page.click("[data-feature=request]");
      await page.waitForSelector("#services button[data-code=noise]");
      await context.close();

      // Overnight the hall loses its uplink: neither the kiosk's page server nor the API can be reached.
      await stopKiosk();
      context = await launch();
      await context.setOffline(true);
      page = context.pages()[0] ?? (await context.newPage());
      await page.goto(kiosk.url);
      await page.waitForSelector("body[data-ready=true]");
      expect(await page.getAttribute("#status", "data-state")).toBe("offline");
      await page.click("[data-feature=request]");
      await page.waitForSelector("#services button[data-code=noise]");
      const description = "断网开机后提交：楼道堆放杂物堵塞消防通道（E2E）";
      await fileNoise(page, description);
      await page.waitForSelector("#request-result[data-state=queued]");
      expect(await rowsWith(description)).toHaveLength(0);

      // Everything the kiosk keeps (the page shell, settings, catalogue and queue) holds no credential.
      const kept = await page.evaluate<{ urls: string[]; contents: string }>(`(async () => {
        const urls = [], contents = [JSON.stringify(localStorage)];
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const req of await cache.keys()) urls.push(new URL(req.url).pathname), contents.push(await (await cache.match(req)).text());
        }
        const sdk = await import("/sdk.js");
        contents.push(JSON.stringify(await sdk.indexedDbStorage("fengqiao-kiosk").load()));
        return { urls, contents: contents.join("\\n") };
      })()`);
      expect(kept.urls.sort()).toEqual(["/", "/kiosk.css", "/kiosk.js", "/sdk.js", "/service-form.js", "/settings.json"]);
      expect(kept.contents).toContain(description);
      expect(kept.contents).not.toContain(kioskOptions.apiKey);

      // The uplink returns: the queued request goes out with the key fetched now, exactly once.
      kiosk = await startKiosk(kioskOptions);
      await context.setOffline(false);
      await page.waitForSelector("#request-result[data-state=sent] .code");
      const rows = await rowsWith(description);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ tracking_code: await trackingCode(page), channel: "kiosk" });
      await expect.poll(() => page.textContent("#kiosk-id")).toMatch(/^终端 key_/);
      await context.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);

  it("picks up its rotated device key on the API's 401, without reloading the page", async () => {
    const page = await browser.newPage();
    await page.goto(kiosk.url);
    await page.waitForSelector("body[data-ready=true]");
    // The desk replaces the kiosk's key at once (no grace); the page server hands out the new one.
    const rotated = await admin.keys.rotate(kioskKeyId, { grace_seconds: 0 });
    await stopKiosk();
    kioskOptions = { ...kioskOptions, apiKey: rotated.secret };
    kioskKeyId = rotated.id;
    kiosk = await startKiosk(kioskOptions);

    const checks = requestsTo("POST", "/v1/fraud/checks").length;
    await page.click("[data-feature=check]");
    await page.fill("#check-form [name=value]", "17012345678");
    await page.click("#check-form button");
    await page.waitForSelector("#check-result[data-verdict=reported]");
    // The old key was refused once; the call went again with the new one.
    await expect.poll(() => requestsTo("POST", "/v1/fraud/checks").slice(checks).map((l) => l.status)).toEqual([401, 200]);
    await page.close();
  }, 60_000);
});

describe("third-party app (examples/third-party-app)", () => {
  const run = async (env: Record<string, string>, ...args: string[]) => {
    const child = spawn(process.execPath, ["--import", "tsx", "examples/third-party-app/index.ts", ...args], {
      env: { ...process.env, FQ_BASE_URL: apiUrl, ...env },
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
    const key = await admin.keys.create({ name: "Third-party app (e2e)", kind: "app" });
    const env = { FQ_API_KEY: key.secret };
    const filed = await run(env);
    expect(filed).toMatch(/acting for 赵\S* \(usr_\w+, resident\)/);
    const code = /tracking code (\S+) \(submitted\)/.exec(filed)?.[1];
    expect(code, filed).toBeDefined();

    // The desk and the department do their part through the same API.
    const agency = await admin.agencies.create({ name: "城管局", kind: "department" });
    const read = await admin.requests.get(code!);
    const dispatched = await admin.requests.dispatch(read.id, { agency_id: agency.id }, { ifMatch: responseOf(read)!.etag });
    const accepted = await admin.requests.accept(read.id, {}, { ifMatch: responseOf(dispatched)!.etag });
    await admin.requests.resolve(read.id, { result: "已责令施工方调整作业时间" }, { ifMatch: responseOf(accepted)!.etag });

    const followed = await run(env, "follow", code!);
    expect(followed).toContain(`${code}: resolved — 已责令施工方调整作业时间`);
    expect(followed).toMatch(/dispatched[\s\S]*accepted[\s\S]*resolved/);
    const rated = await run(env, "rate", code!, "5", "处理及时");
    expect(rated).toContain("rated 5/5: now rated");
    expect((await admin.requests.get(code!)).status).toBe("rated");
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
    expect(await page.textContent("#alert-list")).toContain(countyAlert.title_zh);
    expect(await page.textContent("#alert-list")).not.toContain(elsewhereAlert.title_zh);
    // Shown on the follower's phone counts as delivered to a resident in the alert's figures.
    await expect.poll(async () => (await admin.alerts.getStats(countyAlert.id)).by_reader_kind.resident?.delivered).toBe(1);

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
    expect(await admin.requests.get(code)).toMatchObject({ channel: "public_account", service_code: "noise", attributes: { source: "renovation" }, reporter: { user_id: userId } });
    await page.click("nav a[href='#page=mine']");
    await page.waitForSelector("#mine-list li");
    expect(await page.textContent("#mine-list")).toContain(code);

    // 找活动: an officer posts a patrol; the follower finds it from the menu's third button.
    const station = await admin.agencies.create({ name: "E2E 派出所", kind: "police_station", area_id: county.id });
    await admin.users.create({ role: "officer", subject_type: "staff_id", subject: "e2e-officer", display_name: "马警官", agency_id: station.id, areas: [{ area_id: county.id, duty: "officer" }] });
    const officerToken = await admin.withOptions({ apiKey: (await admin.keys.create({ name: "e2e app", kind: "app" })).secret }).tokens.exchange({ subject_type: "staff_id", subject: "e2e-officer" });
    const starts = Date.now() + 2 * 3_600_000;
    await admin.withToken(officerToken.access_token).tasks.create({
      kind: "patrol",
      title: "夜间巡逻（E2E）",
      location: { lat: 27.46, lng: 106.22 },
      area_id: town.id,
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
    const me = await new Fengqiao({ baseUrl: apiUrl, token: session.access_token }).me();
    expect(me.user?.id).toBe(userId);
  }, 90_000);

  it("asks WeChat who the code belongs to when an official account is configured", async () => {
    const asked: string[] = [];
    const wechatApi = (async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify(url.includes("code=good") ? { openid: "o-real-follower" } : { errcode: 40029, errmsg: "invalid code" }));
    }) as typeof fetch;
    const key = await admin.keys.create({ name: "Official account, configured (e2e)", kind: "public_account" });
    const pa = await startPublicAccount({ port: 0, baseUrl: apiUrl, apiKey: key.secret, wechat: { appId: "wx123", secret: "s3cret" }, fetch: wechatApi });
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
