import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { Fengqiao } from "../../sdk/src/index.ts";
import { bundle } from "../../sdk/scripts/build.ts";
import { sessionCookies } from "./session.ts";

/**
 * `npm run example:public-account`: the backend of a WeChat official account (公众号).
 *
 *   /pa/menu.json  the custom menu (menu.json with its OAuth links filled in), to POST to WeChat's
 *                  cgi-bin/menu/create with your access token;
 *   /pa/oauth      where each menu link lands after WeChat's snsapi_base OAuth: it turns the `code`
 *                  into the follower's openid, exchanges that for a fengqiao token with the account's
 *                  API key (which never leaves this server), and opens the H5 page with the token;
 *                  It also sets the follower's sign-in cookie (session.ts);
 *   /pa/session    POST: a fresh token for the follower that cookie names, when the H5 page's expires;
 *   /h5/           the H5 pages, calling the API directly with that token;
 *   /mp/session    the same for the mini-program (mini-program/): a `wx.login` code in, a token out.
 *
 * FQ_BASE_URL, FQ_API_KEY (a `public_account` key), PUBLIC_URL (this server as WeChat reaches it, https),
 * WECHAT_APPID + WECHAT_SECRET (the official account), WECHAT_MP_APPID + WECHAT_MP_SECRET (the mini-program).
 * DEV_LOGIN=1 instead, for trying the flows in a desktop browser: `openid=…` in the query stands in
 * for WeChat's answer (anyone can then be anyone: never in production). PORT (default 8789).
 */
export const PAGES = ["request", "mine", "alerts", "check", "tasks"] as const;

export interface PublicAccountOptions {
  port: number;
  host?: string;
  baseUrl: string;
  apiKey: string;
  publicUrl?: string;
  wechat?: { appId: string; secret: string };
  miniProgram?: { appId: string; secret: string };
  /** Take `openid` from the query where no WeChat app is configured. Local trials only. */
  devLogin?: boolean;
  /** How to reach WeChat's API (injectable for tests). */
  fetch?: typeof fetch;
}

/** menu.json with each `{{oauth:<page>}}` replaced by the WeChat OAuth link that lands on /pa/oauth. */
export async function menu(opts: Pick<PublicAccountOptions, "publicUrl" | "wechat">): Promise<unknown> {
  const template = await readFile(new URL("menu.json", import.meta.url), "utf8");
  const redirect = encodeURIComponent(`${opts.publicUrl ?? "https://fq.example.gov.cn"}/pa/oauth`);
  const appId = opts.wechat?.appId ?? "YOUR_APPID";
  return JSON.parse(
    template.replace(
      /\{\{oauth:(\w+)\}\}/g,
      (_, page: string) =>
        `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${appId}&redirect_uri=${redirect}&response_type=code&scope=snsapi_base&state=${page}#wechat_redirect`,
    ),
  );
}

/**
 * WeChat's answer to a login code: who the user is (an openid, per official account or mini-program).
 * In dev mode (no app configured) the caller's `openid` parameter is taken as that answer.
 */
async function openidFor(kind: "web" | "mp", url: URL, opts: PublicAccountOptions): Promise<string | null> {
  const app = kind === "web" ? opts.wechat : opts.miniProgram;
  const code = url.searchParams.get("code");
  if (!app) return opts.devLogin ? url.searchParams.get("openid") : null;
  if (!code) return null;
  const endpoint =
    kind === "web"
      ? `https://api.weixin.qq.com/sns/oauth2/access_token?appid=${app.appId}&secret=${app.secret}&code=${encodeURIComponent(code)}&grant_type=authorization_code`
      : `https://api.weixin.qq.com/sns/jscode2session?appid=${app.appId}&secret=${app.secret}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`;
  const res = (await (await (opts.fetch ?? fetch)(endpoint)).json()) as { openid?: string; errcode?: number; errmsg?: string };
  if (!res.openid) throw new Error(`WeChat OAuth failed: ${res.errcode} ${res.errmsg}`);
  return res.openid;
}

export async function startPublicAccount(opts: PublicAccountOptions): Promise<{ url: string; server: Server }> {
  const fq = new Fengqiao({ baseUrl: opts.baseUrl, apiKey: opts.apiKey });
  const sdk = await bundle();
  const sessions = sessionCookies({ secure: (opts.publicUrl ?? "").startsWith("https:") });
  const files: Record<string, [string, string]> = {
    "/h5/": ["h5/index.html", "text/html; charset=utf-8"],
    "/h5/h5.js": ["h5/h5.js", "text/javascript; charset=utf-8"],
    "/service-form.js": ["../shared/service-form.js", "text/javascript; charset=utf-8"],
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
      res.end(body);
    };
    try {
      if (url.pathname === "/pa/oauth") {
        const page = PAGES.find((p) => p === url.searchParams.get("state")) ?? "request"; // never an open redirect
        const openid = await openidFor("web", url, opts);
        if (!openid) return send(400, "text/plain; charset=utf-8", "缺少授权信息，请从公众号菜单进入。");
        const token = await fq.tokens.exchange({ subject_type: "wechat_openid", subject: openid });
        // In the fragment: browsers never send it to a server, so it stays out of access logs and Referer.
        return send(302, "text/plain", "", {
          location: `/h5/#page=${page}&token=${encodeURIComponent(token.access_token)}`,
          "set-cookie": sessions.issue(openid),
        });
      }
      // POST only: with SameSite=Lax, another site's page cannot make the browser send the cookie here.
      if (url.pathname === "/pa/session" && req.method === "POST") {
        const openid = sessions.openid(req.headers.cookie);
        if (!openid) return send(401, "application/json", JSON.stringify({ error: "signed out: open the page from the menu again" }));
        const token = await fq.tokens.exchange({ subject_type: "wechat_openid", subject: openid });
        return send(200, "application/json", JSON.stringify({ access_token: token.access_token, expires_at: token.expires_at }));
      }
      if (url.pathname === "/mp/session" && req.method === "POST") {
        const openid = await openidFor("mp", url, opts);
        if (!openid) return send(400, "application/json", JSON.stringify({ error: "code required" }));
        const token = await fq.tokens.exchange({ subject_type: "wechat_openid", subject: openid });
        return send(200, "application/json", JSON.stringify({ access_token: token.access_token, expires_at: token.expires_at }));
      }
      if (url.pathname === "/pa/menu.json") return send(200, "application/json", JSON.stringify(await menu(opts), null, 2));
      if (url.pathname === "/sdk.js") return send(200, "text/javascript; charset=utf-8", sdk);
      if (url.pathname === "/config.json") return send(200, "application/json", JSON.stringify({ baseUrl: opts.baseUrl }));
      const file = files[url.pathname];
      if (!file) return send(404, "text/plain", "not found");
      send(200, file[1], await readFile(new URL(file[0], import.meta.url)));
    } catch (err) {
      console.error(err instanceof Error ? err.message : err);
      send(502, "text/plain; charset=utf-8", "服务暂时不可用，请稍后再试。");
    }
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(opts.port, host, resolve));
  return { url: `http://${host}:${(server.address() as { port: number }).port}`, server };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const baseUrl = process.env.FQ_BASE_URL ?? "http://127.0.0.1:8787";
  let apiKey = process.env.FQ_API_KEY;
  if (!apiKey && process.env.FQ_ADMIN_KEY) {
    const key = await new Fengqiao({ baseUrl, apiKey: process.env.FQ_ADMIN_KEY }).keys.create({ name: "Official account example", kind: "public_account" });
    apiKey = key.secret;
    console.log(`issued public_account key ${key.prefix}… (${key.id})`);
  }
  if (!apiKey) {
    console.error("Set FQ_API_KEY (a public_account key) or FQ_ADMIN_KEY (to issue one). See sdk/README.md, Examples.");
    process.exit(2);
  }
  const app = (id?: string, secret?: string) => (id ? { appId: id, secret: secret ?? "" } : undefined);
  const wechat = app(process.env.WECHAT_APPID, process.env.WECHAT_SECRET);
  const miniProgram = app(process.env.WECHAT_MP_APPID, process.env.WECHAT_MP_SECRET);
  const port = Number(process.env.PORT ?? 8789);
  const devLogin = process.env.DEV_LOGIN === "1";
  if (!wechat && !miniProgram && !devLogin) {
    console.error("Set WECHAT_APPID/WECHAT_SECRET (and/or WECHAT_MP_APPID/WECHAT_MP_SECRET), or DEV_LOGIN=1 to try it locally.");
    process.exit(2);
  }
  const { url } = await startPublicAccount({ port, baseUrl, apiKey, publicUrl: process.env.PUBLIC_URL, wechat, miniProgram, devLogin });
  console.log(`official-account backend on ${url}  (the API needs CORS_ORIGINS=${url})`);
  console.log(`  menu:  ${url}/pa/menu.json`);
  if (devLogin) console.log(`  DEV_LOGIN: open ${url}/pa/oauth?state=alerts&openid=dev-follower-1 (anyone can be anyone: local only)`);
}
