import { createClient } from "@libsql/client";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKiosk } from "../../examples/kiosk/server.ts";
import { freePort } from "../../test/bench/servers.ts";
import { parseConfig } from "../../worker/config.ts";
import { memoryBlobStore } from "../../worker/runtime/disk-blobs.ts";
import { nodeDeps, openDatabase } from "../../worker/runtime/node-deps.ts";
import { createJurisdiction } from "../../worker/services/jurisdictions/create-jurisdiction.ts";
import { Fengqiao, type QueuedItem } from "../src/index.js";

/**
 * The kiosk page as a hall would run it: the Node server (`npm start`) on a loopback port over a
 * fresh data folder, the kiosk page served by its own script, and headless Chromium in between,
 * calling the API cross-origin. The network is cut and restored under the page.
 */
const dir = mkdtempSync(join(tmpdir(), "fq-kiosk-"));
let api: ChildProcess;
let apiUrl: string;
let apiLog = "";
let kiosk: Awaited<ReturnType<typeof startKiosk>>;
let browser: Browser;

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
  const { adminKey } = await createJurisdiction(nodeDeps(config, db, memoryBlobStore(), () => {}), { code: "e2e", name: "E2E 县" });
  db.close();

  const [apiPort, kioskPort] = [await freePort(), await freePort()];
  apiUrl = `http://127.0.0.1:${apiPort}`;
  api = spawn(process.execPath, ["--import", "tsx", "worker/node.ts"], {
    env: { ...process.env, PORT: String(apiPort), HOST: "127.0.0.1", DATA_DIR: dir, CORS_ORIGINS: `http://127.0.0.1:${kioskPort}`, JOBS_INTERVAL_MS: "3600000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  api.stdout!.on("data", (d: Buffer) => (apiLog += d.toString()));
  api.stderr!.on("data", (d: Buffer) => (apiLog += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => apiLog.includes("listening on") && (clearInterval(timer), resolve()), 50);
    api.on("exit", (code) => reject(new Error(`API exited ${code}: ${apiLog}`)));
  });

  const kioskKey = await new Fengqiao({ baseUrl: apiUrl, apiKey: adminKey }).keys.create({ name: "Hall kiosk (e2e)", kind: "kiosk" });
  kiosk = await startKiosk({ port: kioskPort, baseUrl: apiUrl, apiKey: kioskKey.secret });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  kiosk?.server.close();
  api?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("kiosk page in Chromium against the running server", () => {
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
    expect(await page.textContent("#pending")).toBe("1 项待发送");
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
    expect(await page.textContent("#pending")).toBe("");
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
});
