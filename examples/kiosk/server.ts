import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { Fengqiao } from "../../sdk/src/index.ts";
import { bundle } from "../../sdk/scripts/build.ts";

/**
 * `npm run example:kiosk`: serves the kiosk page, the SDK bundled for the browser (/sdk.js), the
 * service worker that keeps the page for offline starts (/sw.js), the kiosk's settings
 * (/settings.json: where the API is, the hall's area) and, apart from them, its device key
 * (/device-key.json), which the page holds in memory only. The page calls the API directly,
 * cross-origin, so the API must list this page's origin in CORS_ORIGINS.
 *
 *   FQ_BASE_URL   the API (default http://127.0.0.1:8787)
 *   FQ_KIOSK_KEY  the kiosk's API key; or FQ_ADMIN_KEY, and one is issued at start
 *   FQ_AREA_ID    optional: the hall's area, for alerts that cover it
 *   PORT          default 8788
 */
const FILES: Record<string, [string, string]> = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/kiosk.js": ["kiosk.js", "text/javascript; charset=utf-8"],
  "/kiosk.css": ["kiosk.css", "text/css; charset=utf-8"],
  "/service-form.js": ["../shared/service-form.js", "text/javascript; charset=utf-8"],
  "/sw.js": ["sw.js", "text/javascript; charset=utf-8"],
};

export interface KioskOptions {
  port: number;
  host?: string;
  baseUrl: string;
  apiKey: string;
  areaId?: string;
}

export async function startKiosk(opts: KioskOptions): Promise<{ url: string; server: Server; areaId: string | null }> {
  const sdk = await bundle();
  const settings = JSON.stringify({ baseUrl: opts.baseUrl, areaId: opts.areaId ?? null });
  const deviceKey = JSON.stringify({ apiKey: opts.apiKey });
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      // The page holds a device credential: no HTTP cache keeps anything, and no other site frames it.
      // (The page's own service worker keeps the shell and settings, never /device-key.json.)
      res.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-frame-options": "DENY" });
      res.end(body);
    };
    if (path === "/sdk.js") return send(200, "text/javascript; charset=utf-8", sdk);
    if (path === "/settings.json") return send(200, "application/json", settings);
    if (path === "/device-key.json") return send(200, "application/json", deviceKey);
    const file = FILES[path];
    if (!file) return send(404, "text/plain", "not found");
    send(200, file[1], await readFile(new URL(file[0], import.meta.url)));
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(opts.port, host, resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://${host}:${port}`, server, areaId: opts.areaId ?? null };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const baseUrl = process.env.FQ_BASE_URL ?? "http://127.0.0.1:8787";
  let apiKey = process.env.FQ_KIOSK_KEY;
  if (!apiKey && process.env.FQ_ADMIN_KEY) {
    const admin = new Fengqiao({ baseUrl, apiKey: process.env.FQ_ADMIN_KEY });
    const key = await admin.keys.create({ name: `Kiosk example ${new Date().toISOString().slice(0, 16)}`, kind: "kiosk" });
    apiKey = key.secret;
    console.log(`issued kiosk key ${key.prefix}… (${key.id})`);
  }
  if (!apiKey) {
    console.error("Set FQ_KIOSK_KEY (a kiosk key) or FQ_ADMIN_KEY (to issue one). See sdk/README.md, Examples.");
    process.exit(2);
  }
  const { url } = await startKiosk({ port: Number(process.env.PORT ?? 8788), baseUrl, apiKey, areaId: process.env.FQ_AREA_ID });
  console.log(`kiosk page on ${url}  (the API needs CORS_ORIGINS=${url})`);
}
