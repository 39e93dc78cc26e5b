// The H5 pages the official-account menu opens. The backend (../server.ts) put a short-lived
// token for this follower in the URL fragment; it moves to sessionStorage and out of the address
// bar at once, so a shared link or a screenshot does not carry it.
import { AuthenticationError, Fengqiao } from "/sdk.js";

const $ = (s) => document.querySelector(s);
const params = () => new URLSearchParams(location.hash.slice(1));
if (params().get("token")) {
  sessionStorage.setItem("fq-token", params().get("token"));
  history.replaceState(null, "", `#page=${params().get("page") ?? "request"}`);
}
const { baseUrl } = await (await fetch("/config.json")).json();
const fq = new Fengqiao({ baseUrl, token: sessionStorage.getItem("fq-token") ?? undefined });

/** Each page, offered when the SDK has its namespace (the API has the operations). */
const pages = {
  request: { available: () => Boolean(fq.services && fq.requests), show: showRequest },
  mine: { available: () => Boolean(fq.requests), show: showMine },
  alerts: { available: () => Boolean(fq.alerts), show: showAlerts },
  check: { available: () => Boolean(fq.fraud), show: () => {} },
  tasks: { available: () => Boolean(fq.tasks), show: showTasks },
};

async function route() {
  const name = pages[params().get("page")] ? params().get("page") : "request";
  for (const a of document.querySelectorAll("nav a")) a.toggleAttribute("aria-current", a.hash === `#page=${name}`);
  for (const s of document.querySelectorAll("section")) s.hidden = s.id !== name || !pages[name].available();
  $("#unavailable").hidden = pages[name].available();
  if (pages[name].available()) await pages[name].show().catch(explain);
}

function explain(err) {
  $("#who").textContent =
    err instanceof AuthenticationError ? "登录已过期，请从公众号菜单重新进入" : `出错了：${err.title ?? err.message}（${err.requestId ?? "-"}）`;
}

const item = (text) => Object.assign(document.createElement("li"), { textContent: text });

async function showRequest() {
  const select = $("#request-form [name=service_code]");
  if (select.options.length) return;
  for await (const s of fq.services.list({ limit: 100 })) select.append(new Option(s.name_zh ?? s.code, s.code));
}
$("#request-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    const r = await fq.requests.create({ service_code: String(form.get("service_code")), description: String(form.get("description")) });
    $("#request-result").textContent = `已受理，编号 ${r.tracking_code}。可在“办理进度”查看。`;
    e.target.reset();
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
  const page = await fq.alerts.listInbox({ limit: 20 });
  $("#alert-list").replaceChildren(...page.data.map((a) => item(`${a.title_zh}：${a.body_zh}`)));
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
