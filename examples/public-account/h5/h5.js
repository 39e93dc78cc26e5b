// The H5 pages the official-account menu opens. The backend (../server.ts) put a short-lived
// token for this follower in the URL fragment; it moves to sessionStorage and out of the address
// bar at once, so a shared link or a screenshot does not carry it.
import { AuthenticationError, Fengqiao } from "/sdk.js";
import { attributeAnswers, attributeFields } from "/service-form.js";

const $ = (s) => document.querySelector(s);
const params = () => new URLSearchParams(location.hash.slice(1));
if (params().get("token")) {
  sessionStorage.setItem("fq-token", params().get("token"));
  history.replaceState(null, "", `#page=${params().get("page") ?? "request"}`);
}
const { baseUrl } = await (await fetch("/config.json")).json();

/**
 * The follower's token lives 15 minutes. When the API refuses it the SDK asks again with `renew`,
 * and this backend issues a fresh one from the sign-in cookie set at /pa/oauth. Signed out there
 * too, the old token goes again and its 401 tells the follower to come back through the menu.
 */
let token = sessionStorage.getItem("fq-token") ?? "";
async function followerToken({ renew }) {
  if (token && !renew) return token;
  const res = await fetch("/pa/session", { method: "POST" });
  if (res.ok) sessionStorage.setItem("fq-token", (token = (await res.json()).access_token));
  return token;
}
const fq = new Fengqiao({ baseUrl, token: followerToken });

/** The menu's pages: 我要办事 (request, mine), 反诈预警 (alerts, check), 找活动 (tasks). */
const pages = { request: showRequest, mine: showMine, alerts: showAlerts, check: async () => {}, tasks: showTasks };

async function route() {
  const name = pages[params().get("page")] ? params().get("page") : "request";
  for (const a of document.querySelectorAll("nav a")) a.toggleAttribute("aria-current", a.hash === `#page=${name}`);
  for (const s of document.querySelectorAll("section")) s.hidden = s.id !== name;
  await pages[name]().catch(explain);
}

function explain(err) {
  $("#who").textContent =
    err instanceof AuthenticationError ? "登录已过期，请从公众号菜单重新进入" : `出错了：${err.title ?? err.message}（${err.requestId ?? "-"}）`;
}

const item = (text) => Object.assign(document.createElement("li"), { textContent: text });

/** The catalogue, read once per visit; choosing a service shows its own questions. */
let services = null;
async function showRequest() {
  if (services) return;
  services = [];
  for await (const s of fq.services.list({ limit: 100 })) if (s.active) services.push(s);
  const select = $("#request-form [name=service_code]");
  select.replaceChildren(new Option("请选择办理事项", ""), ...services.map((s) => new Option(s.names["zh-CN"], s.code)));
}
const chosen = () => services?.find((s) => s.code === $("#request-form [name=service_code]").value);
$("#request-form [name=service_code]").addEventListener("change", () => {
  $("#request-attributes").replaceChildren(...(chosen() ? attributeFields(chosen()) : []));
});
$("#request-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    // The follower's own token: the request is theirs to follow under 办理进度 (channel from the key: public_account).
    const r = await fq.requests.create({ service_code: chosen().code, description: String(form.get("description")), attributes: attributeAnswers(form, chosen()) });
    $("#request-result").textContent = `已受理，编号 ${r.tracking_code}。可在“办理进度”查看。`;
    e.target.reset();
    $("#request-attributes").replaceChildren();
  } catch (err) {
    $("#request-result").textContent = err.detail ?? err.title ?? "提交失败，请重试";
  }
});

async function showMine() {
  const ul = $("#mine-list");
  ul.replaceChildren();
  for await (const r of fq.requests.listMy({ limit: 20 })) ul.append(item(`${r.tracking_code} · ${r.service_code} · ${r.status}`));
}

async function showAlerts() {
  // The follower's grid (from their registration) decides which area alerts reach them; jurisdiction-wide ones reach all.
  const page = await fq.alerts.listInbox({ limit: 20 });
  $("#alert-list").replaceChildren(...page.data.map((a) => Object.assign(item(`${a.title_zh}：${a.body_zh}`), { className: a.unread ? "unread" : "" })));
  // Shown is delivered; the stats count reach from this.
  if (page.data.length) await fq.alerts.recordReceipts({ alert_ids: page.data.map((a) => a.id), status: "delivered" });
}

$("#check-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    const v = await fq.fraud.check({ kind: "phone", value: String(new FormData(e.target).get("value")) });
    $("#check-result").textContent = `${v.display}：${v.advice}`;
  } catch (err) {
    $("#check-result").textContent = err.detail ?? err.title ?? "查询失败";
  }
});

async function showTasks() {
  // Open tasks (patrols, campaigns) a volunteer can sign up for, soonest first.
  const page = await fq.tasks.list({ limit: 20 });
  $("#task-list").replaceChildren(...page.data.map((t) => item(`${t.title ?? t.kind} · ${t.starts_at ?? ""}`)));
}

try {
  const me = await fq.me();
  $("#who").textContent = `您好，${me.user?.display_name ?? "居民"}`;
  document.body.dataset.user = me.user?.id ?? "";
} catch (err) {
  explain(err);
}
window.addEventListener("hashchange", route);
await route();
