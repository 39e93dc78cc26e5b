import { createClient } from "@libsql/client";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../../test/bench/servers.ts";
import { parseConfig } from "../../../worker/config.ts";
import { memoryBlobStore } from "../../../worker/runtime/disk-blobs.ts";
import { nodeDeps, openDatabase } from "../../../worker/runtime/node-deps.ts";
import { seedCatalogue } from "../../../worker/services/catalogue/seed-catalogue.ts";
import { createJurisdiction } from "../../../worker/services/jurisdictions/create-jurisdiction.ts";
import { Fengqiao } from "../../src/index.js";

/** Headless Chromium as installed from Debian; never a browser download. */
export const chromiumOptions = {
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
};

export const reportedPhone = "170 1234 5678";
export const confirmedPhone = "+86 171-0000-4321";

/**
 * What the examples are run against: the Node server (`npm start`) on a loopback port over a fresh
 * data folder, allowing cross-origin calls from the page port handed back, with a county the pages
 * can show: an area tree (the hall's community under a town, another town beside it), alerts to
 * the hall's town, to the whole county and to the other town, and two reported numbers (the
 * second confirmed).
 */
export async function startWorld() {
  const dir = mkdtempSync(join(tmpdir(), "fq-e2e-"));
  // A tenant in the data folder the server will open (as `npm run tenant:create` would make it).
  const config = parseConfig({ LIBSQL_URL: `file:${dir}/fengqiao.db`, TOKEN_SECRET: "e2e-token-secret-0123456789abcdef-0123456789" });
  const db = await openDatabase(config);
  const deps = nodeDeps(config, db, memoryBlobStore(), () => {});
  const { adminKey, jurisdiction } = await createJurisdiction(deps, { code: "e2e", name: "E2E 县" });
  await seedCatalogue(deps, jurisdiction.id);
  db.close();

  const [apiPort, pagePort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  let log = "";
  const api = spawn(process.execPath, ["--import", "tsx", "worker/node.ts"], {
    env: { ...process.env, PORT: String(apiPort), HOST: "127.0.0.1", DATA_DIR: dir, CORS_ORIGINS: `http://127.0.0.1:${pagePort}`, JOBS_INTERVAL_MS: "3600000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  api.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  api.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => log.includes("listening on") && (clearInterval(timer), resolve()), 50);
    api.on("exit", (code) => reject(new Error(`API exited ${code}: ${log}`)));
  });

  const admin = new Fengqiao({ baseUrl: apiUrl, apiKey: adminKey });
  const county = await admin.areas.create({ level: "county", name: "E2E 县" });
  const town = await admin.areas.create({ parent_id: county.id, level: "town", name: "E2E 镇", lat: 27.46, lng: 106.22 });
  const hall = await admin.areas.create({ parent_id: town.id, level: "community", name: "E2E 社区" });
  const otherTown = await admin.areas.create({ parent_id: county.id, level: "town", name: "E2E 邻镇" });
  // Alerts as the police would send them (an admin key may author).
  const alert = { kind: "fraud_warning", severity: "Severe", urgency: "Immediate", certainty: "Observed" } as const;
  const publish = async (body: Parameters<Fengqiao["alerts"]["create"]>[0]) => admin.alerts.publish((await admin.alerts.create(body)).id);
  const hallAlert = await publish({ ...alert, title_zh: "警惕冒充公检法“安全账户”诈骗（E2E）", body_zh: "近期有骗子冒充民警来电，要求转账至“安全账户”。", instruction_zh: "接到此类电话请立即挂断并拨打96110。", area_ids: [town.id] });
  const countyAlert = await publish({ ...alert, severity: "Moderate", title_zh: "全县反诈提醒：刷单返利都是诈骗（E2E）", body_zh: "网上刷单先返小利，再骗大钱。", whole_jurisdiction: true });
  const elsewhereAlert = await publish({ ...alert, title_zh: "邻镇专项提醒（E2E）", body_zh: "只发给邻镇。", area_ids: [otherTown.id] });
  await admin.fraud.report({ kind: "phone", value: reportedPhone, narrative: "自称快递客服，说包裹丢失要理赔，让我下载会议软件共享屏幕。" });
  const confirmed = await admin.fraud.report({ kind: "phone", value: confirmedPhone, narrative: "冒充公安民警，称银行卡涉嫌洗钱。" });
  await admin.fraud.confirm(confirmed.indicator.id, { note: "经核实为诈骗号码。" });

  return {
    apiUrl,
    pagePort,
    admin,
    county,
    town,
    hall,
    hallAlert,
    countyAlert,
    elsewhereAlert,
    /** The API's access log: one JSON line per request, naming the route pattern. */
    requestsTo: (method: string, route: string) =>
      log
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l))
        .filter((l) => l.msg === "request" && l.method === method && l.route === route),
    /** Straight from the server's own file (nothing masked): what was really stored. */
    query: async (sql: string, args: (string | number)[]) => {
      const file = createClient({ url: `file:${dir}/fengqiao.db` });
      try {
        return (await file.execute({ sql, args })).rows;
      } finally {
        file.close();
      }
    },
    stop: () => {
      api.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type World = Awaited<ReturnType<typeof startWorld>>;
