// utils/fengqiao.js — the fengqiao client for a WeChat mini-program.
//
// Install @fengqiao/sdk and run 工具 → 构建 npm in WeChat DevTools. Add both hosts below to the
// mini-program's request 合法域名 (https only). The API key stays on your server: the mini-program
// sends its wx.login code to your backend (../server.ts, /mp/session), which returns a short-lived
// token for this user. wxTransport puts the SDK on wx.request (there is no fetch in mini-programs).
import { Fengqiao, wxTransport } from "@fengqiao/sdk";

const API = "https://fq.example.gov.cn";
const BACKEND = "https://pa.example.gov.cn";

function login() {
  return new Promise((resolve, reject) => wx.login({ success: (r) => resolve(r.code), fail: reject }));
}

function post(url, data) {
  return new Promise((resolve, reject) =>
    wx.request({
      url,
      method: "POST",
      data,
      // wx.request calls `success` for 4xx/5xx too: the status is ours to check.
      success: (res) => (res.statusCode === 200 ? resolve(res.data) : reject(new Error(`session ${res.statusCode}`))),
      fail: (err) => reject(new Error(err.errMsg)),
    }),
  );
}

let session; // { token, expiresAt }
let renewing; // one wx.login at a time, however many calls need a token

/**
 * The signed-in user's token for the SDK: kept until a minute before it expires, renewed then, and
 * at once when the API refuses it (the SDK asks with `renew` after a 401 and sends the call again).
 */
function sessionToken({ renew }) {
  if (!renew && session && Date.now() < session.expiresAt - 60_000) return session.token;
  renewing ??= (async () => {
    const code = await login();
    const token = await post(`${BACKEND}/mp/session?code=${encodeURIComponent(code)}`);
    session = { token: token.access_token, expiresAt: Date.parse(token.expires_at) };
    return session.token;
  })().finally(() => (renewing = undefined));
  return renewing;
}

/** One client for the whole mini-program, acting as the signed-in user. */
export const fq = new Fengqiao({ baseUrl: API, token: sessionToken, transport: wxTransport(wx), timeoutMs: 15_000 });
