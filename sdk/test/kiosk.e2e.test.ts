import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKiosk } from "../../examples/kiosk/server.ts";
import type { QueuedItem } from "../src/index.js";
import { chromiumOptions, startWorld, type World } from "./e2e/world.ts";

/**
 * The kiosk example as it is run (`npm run example:kiosk`) against `npm start`'s server, the page in
 * headless Chromium calling the API cross-origin; the network is cut and restored under the page.
 */
let w: World;
let browser: Browser;
let kiosk: Awaited<ReturnType<typeof startKiosk>>;
let kioskOptions: Parameters<typeof startKiosk>[0];
let kioskKeyId: string;

beforeAll(async () => {
  w = await startWorld();
  const kioskKey = await w.admin.keys.create({ name: "Hall kiosk (e2e)", kind: "kiosk" });
  kioskKeyId = kioskKey.id;
  kioskOptions = { port: w.pagePort, baseUrl: w.apiUrl, apiKey: kioskKey.secret, areaId: w.hall.id };
  kiosk = await startKiosk(kioskOptions);
  browser = await chromium.launch(chromiumOptions);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  kiosk?.server.close();
  w?.stop();
});

describe("kiosk page (examples/kiosk) in Chromium against the running server", () => {
  it("registers a walk-in online, keeps a registration made offline, and replays it exactly once", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sentKeys: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url() === `${w.apiUrl}/v1/tokens`) sentKeys.push(r.headers()["idempotency-key"]!);
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
    expect(w.requestsTo("POST", "/v1/tokens")).toHaveLength(1);

    // The network returns: the queued write goes out by itself, with the key it was given offline.
    await context.setOffline(false);
    await page.waitForSelector("#register-result[data-state=sent]");
    expect(await page.textContent("#register-result")).toContain("已登记");
    await expect.poll(() => page.textContent("#pending")).toBe("");
    expect(sentKeys).toHaveLength(2);
    expect(sentKeys[1]).toBe(queued.idempotencyKey);
    await expect.poll(() => w.requestsTo("POST", "/v1/tokens").length).toBe(2);

    // Server side: the resident exists once; the token the answer carried was not kept on the kiosk.
    const users = await w.query("SELECT count(*) AS n FROM users WHERE subject = ?", ["13900139002"]);
    expect(Number(users[0]!.n)).toBe(1);
    const after = await readStore();
    expect(after.map((i) => i.state)).toEqual(["sent", "sent"]);
    expect(JSON.stringify(after)).not.toContain("access_token");
    expect(JSON.stringify(after)).not.toContain("13900139002");
    await context.close();
  }, 120_000);

  /** Requests with this description, as stored. */
  const rowsWith = (description: string) => w.query("SELECT id, tracking_code, channel FROM service_requests WHERE description = ?", [description]);
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
    const filed = await w.admin.requests.get(code);
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
    const before = await w.admin.alerts.getStats(w.hallAlert.id);

    await page.click("[data-feature=alerts]");
    const item = page.locator(`#alerts li[data-id="${w.hallAlert.id}"]`);
    await item.waitFor();
    const shown = await page.textContent("#alerts");
    expect(shown).toContain(w.hallAlert.title_zh);
    expect(shown).toContain(w.countyAlert.title_zh);
    expect(shown).not.toContain(w.elsewhereAlert.title_zh);
    expect(await item.getAttribute("data-unread")).toBe("true");

    await item.locator(".headline").click();
    await page.waitForSelector(`#alerts li[data-id="${w.hallAlert.id}"][data-receipt=sent]`);
    expect(await item.locator(".body").textContent()).toContain(w.hallAlert.body_zh);
    const stats = await w.admin.alerts.getStats(w.hallAlert.id);
    expect(stats.read).toBe(before.read + 1);
    expect(stats.by_reader_kind.kiosk?.read).toBe(1);

    // Listed again, the server remembers this kiosk has read it.
    await page.click("#back");
    await page.click("[data-feature=alerts]");
    await page.waitForSelector(`#alerts li[data-id="${w.hallAlert.id}"][data-unread=false]`);
    expect(await page.getAttribute(`#alerts li[data-id="${w.countyAlert.id}"]`, "data-unread")).toBe("true");
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
    const rotated = await w.admin.keys.rotate(kioskKeyId, { grace_seconds: 0 });
    await stopKiosk();
    kioskOptions = { ...kioskOptions, apiKey: rotated.secret };
    kioskKeyId = rotated.id;
    kiosk = await startKiosk(kioskOptions);

    const checks = w.requestsTo("POST", "/v1/fraud/checks").length;
    await page.click("[data-feature=check]");
    await page.fill("#check-form [name=value]", "17012345678");
    await page.click("#check-form button");
    await page.waitForSelector("#check-result[data-verdict=reported]");
    // The old key was refused once; the call went again with the new one.
    await expect.poll(() => w.requestsTo("POST", "/v1/fraud/checks").slice(checks).map((l) => l.status)).toEqual([401, 200]);
    await page.close();
  }, 60_000);
});
