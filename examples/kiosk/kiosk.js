// The kiosk in a service hall: a walk-in resident files a request and leaves with a tracking code,
// reads the area's safety alerts, checks a suspicious phone number, or registers by phone. Every
// write goes through the SDK's offline queue, so a dropped network loses nothing and sends nothing
// twice. Plain JavaScript over the bundled SDK: no build step on the kiosk.
import { ApiError, Fengqiao, OfflineQueue, indexedDbStorage, localStorageStorage } from "/sdk.js";
import { attributeAnswers, attributeFields } from "/service-form.js";

const $ = (selector) => document.querySelector(selector);
const config = await (await fetch("/settings.json")).json();
// The service worker keeps this page for a start without network (see sw.js); 127.0.0.1 and https only.
const offlineStart = "serviceWorker" in navigator ? navigator.serviceWorker.register("/sw.js").then(() => navigator.serviceWorker.ready) : null;
offlineStart?.then(() => (document.body.dataset.offlineStart = "ready")).catch(() => {});

/**
 * The device key is fetched when a call first needs it and held in memory only: the terminal's
 * storage never holds a credential, so a kiosk carried out of the hall gives nothing away. After a
 * start without network the key cannot be fetched; calls then fail like any call without network,
 * writes wait in the queue, and the key is fetched with the first replay. A key rotated by the
 * desk answers 401: the SDK asks again with `renew`, and the new one is fetched.
 */
let deviceKey;
function currentDeviceKey({ renew }) {
  if (renew) deviceKey = undefined;
  deviceKey ??= fetch("/device-key.json")
    .then((res) => (res.ok ? res.json() : Promise.reject(new TypeError(`device key: HTTP ${res.status}`))))
    .then((body) => body.apiKey)
    .catch((err) => {
      deviceKey = undefined;
      throw err;
    });
  return deviceKey;
}
const client = new Fengqiao({ baseUrl: config.baseUrl, apiKey: currentDeviceKey, timeoutMs: 10_000, maxRetries: 1 });

const queue = new OfflineQueue(client, {
  storage: "indexedDB" in window ? indexedDbStorage("fengqiao-kiosk") : localStorageStorage(localStorage, "fengqiao-kiosk"),
  // A registration answers with the resident's token, a request with the reporter's (masked) contact:
  // the kiosk keeps only what its screen shows, so the next walk-in cannot read the last one's details.
  keepResult: (operation, result) =>
    operation === "exchangeToken" ? { user: result.user } : operation === "createServiceRequest" ? { id: result.id, tracking_code: result.tracking_code, status: result.status } : result,
});

/** How each kind of queued write reads on screen, and what its success says. */
const writes = {
  exchangeToken: { label: "居民登记", done: (r) => `已登记：${r.user.display_name ?? "居民"}` },
  createServiceRequest: { label: "办事申请", done: (r) => `受理编号 ${r.tracking_code}` },
  recordAlertReceipt: { label: "预警已读", done: () => "已回执" },
};
const fates = { queued: "等待网络，恢复后自动提交", sending: "提交中…", sent: "已提交", failed: "未能提交", expired: "已过期，请重新办理" };

const features = { request: openRequest, alerts: openAlerts, check: openCheck, register: openRegister };
const areaQuery = config.areaId ? { area_id: config.areaId } : {};

// ---- navigation -------------------------------------------------------------------------------

function show(panel) {
  $("#home").hidden = panel !== null;
  for (const el of document.querySelectorAll(".panel")) el.hidden = el.id !== `panel-${panel}`;
}
for (const tile of document.querySelectorAll("[data-feature]")) {
  tile.addEventListener("click", () => {
    show(tile.dataset.feature);
    void features[tile.dataset.feature]();
  });
}
$("#back").addEventListener("click", () => show(null));

// ---- writes through the queue -----------------------------------------------------------------

/** Sends a write; the result area follows the item until it is sent, even after a network drop. */
async function submit(operation, input, resultEl) {
  resultEl.textContent = "提交中…";
  const item = await queue.send(operation, input);
  follow(item, resultEl);
  return item;
}

function follow(item, resultEl) {
  let stop;
  const render = (it) => {
    if (it.id !== item.id) return;
    if (it.state !== "queued" && it.state !== "sending") stop?.();
    resultEl.dataset.state = it.state;
    if (it.state === "sent") {
      const text = writes[it.operation]?.done(it.result) ?? "已提交";
      resultEl.innerHTML = "";
      const strong = document.createElement("div");
      strong.className = it.operation === "createServiceRequest" ? "code" : "";
      strong.textContent = text;
      resultEl.append(strong);
    } else if (it.state === "queued") {
      resultEl.textContent = "网络中断：已保存在本机，恢复后自动提交，请勿重复办理。";
    } else if (it.state === "failed") {
      resultEl.textContent = `未能提交：${it.error?.detail ?? it.error?.title ?? ""}`;
    } else {
      resultEl.textContent = fates[it.state];
    }
  };
  stop = queue.subscribe(render);
  render(item);
}

// ---- features ---------------------------------------------------------------------------------

async function openRegister() {
  $("#register-result").textContent = "";
}
$("#register-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { subject_type: "phone", subject: String(form.get("phone")).replace(/[\s-]/g, "") };
  if (form.get("name")) body.display_name = String(form.get("name"));
  event.target.reset();
  await submit("exchangeToken", { body }, $("#register-result"));
});

/**
 * The catalogue, kept on the kiosk after each successful read: a hall whose network drops can still
 * take requests (they wait in the queue), so it must still be able to show what can be requested.
 */
const CATALOGUE_KEY = "fengqiao-kiosk.catalogue";
async function catalogue() {
  try {
    const services = [];
    for await (const service of client.services.list({ limit: 100 })) if (service.active) services.push(service);
    localStorage.setItem(CATALOGUE_KEY, JSON.stringify(services));
    return services;
  } catch (err) {
    const kept = localStorage.getItem(CATALOGUE_KEY);
    if (kept) return JSON.parse(kept);
    throw err;
  }
}

async function openRequest() {
  const list = $("#services");
  list.textContent = "加载中…";
  $("#request-form").hidden = true;
  $("#request-result").textContent = "";
  delete $("#request-result").dataset.state;
  try {
    const services = await catalogue();
    list.innerHTML = "";
    for (const service of services) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.code = service.code;
      button.textContent = service.names["zh-CN"];
      button.addEventListener("click", () => pickService(service));
      li.append(button);
      list.append(li);
    }
  } catch (err) {
    list.textContent = describeError(err);
  }
}

/** The chosen service's own questions appear above the description. */
let chosen = null;
function pickService(service) {
  chosen = service;
  const form = $("#request-form");
  form.reset();
  form.hidden = false;
  $("#request-service").textContent = service.names["zh-CN"];
  $("#request-result").textContent = "";
  delete $("#request-result").dataset.state;
  $("#attributes").replaceChildren(...attributeFields(service));
}

$("#request-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const target = event.target;
  const form = new FormData(target);
  // A kiosk key files through the `kiosk` channel; said explicitly so the record reads the same whatever the key's defaults.
  const body = { service_code: chosen.code, channel: "kiosk", description: String(form.get("description")), attributes: attributeAnswers(form, chosen), ...areaQuery };
  if (form.get("phone")) body.reporter = { phone: String(form.get("phone")), ...(form.get("name") ? { name: String(form.get("name")) } : {}) };
  target.reset();
  target.hidden = true;
  await submit("createServiceRequest", { body }, $("#request-result"));
});

async function openAlerts() {
  const list = $("#alerts");
  list.textContent = "加载中…";
  try {
    // The hall's area decides which alerts cover it; without one only jurisdiction-wide alerts show.
    const page = await client.alerts.listInbox({ limit: 20, ...areaQuery });
    list.innerHTML = "";
    if (page.data.length === 0) list.textContent = "暂无预警";
    for (const alert of page.data) list.append(alertItem(alert));
  } catch (err) {
    list.textContent = describeError(err);
  }
}

/** A headline to tap; opening it shows the text and counts as read for this kiosk. */
function alertItem(alert) {
  const li = document.createElement("li");
  li.dataset.id = alert.id;
  li.dataset.severity = alert.severity;
  li.dataset.unread = String(alert.unread);
  li.innerHTML = `<button type="button" class="headline"></button><div class="body" hidden><p></p><p class="instruction"></p></div>`;
  li.querySelector(".headline").textContent = alert.title_zh;
  li.querySelector(".body p").textContent = alert.body_zh;
  li.querySelector(".instruction").textContent = alert.instruction_zh ?? "";
  li.querySelector(".headline").addEventListener("click", async () => {
    li.querySelector(".body").hidden = false;
    if (li.dataset.unread !== "true") return;
    li.dataset.unread = "false";
    // Queued, so a read made while the network is down is still counted once it returns.
    const item = await queue.send("recordAlertReceipt", { path: { id: alert.id }, body: { status: "read", ...areaQuery } });
    li.dataset.receipt = item.state;
    if (item.state !== "queued" && item.state !== "sending") return;
    const stop = queue.subscribe((it) => {
      if (it.id !== item.id) return;
      li.dataset.receipt = it.state;
      if (it.state !== "queued" && it.state !== "sending") stop();
    });
  });
  return li;
}

async function openCheck() {
  $("#check-result").textContent = "";
}
$("#check-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const value = String(new FormData(event.target).get("value"));
  const out = $("#check-result");
  out.textContent = "查询中…";
  delete out.dataset.verdict;
  try {
    // A read: it needs the network, and there is nothing to replay later.
    const verdict = await client.fraud.check({ kind: "phone", value });
    const headline = { confirmed: "⚠ 已确认的诈骗号码", reported: "⚠ 有群众举报过此号码", none: "暂无举报记录（不代表安全）" }[verdict.verdict];
    out.dataset.verdict = verdict.verdict;
    out.innerHTML = "<strong></strong><p></p>";
    out.querySelector("strong").textContent = `${verdict.display}：${headline}`;
    out.querySelector("p").textContent = verdict.advice;
  } catch (err) {
    out.textContent = describeError(err);
  }
});

function describeError(err) {
  if (err instanceof ApiError) return `${err.title}${err.detail ? `：${err.detail}` : ""}（编号 ${err.requestId ?? "-"}）`;
  return navigator.onLine ? "暂时无法连接服务，请稍后再试" : "网络中断，此功能需要联网";
}

// ---- status, outbox ---------------------------------------------------------------------------

async function renderQueue() {
  const items = await queue.list();
  const ul = $("#queue");
  ul.innerHTML = "";
  for (const item of items.slice(-10).reverse()) {
    const li = document.createElement("li");
    li.dataset.state = item.state;
    li.dataset.operation = item.operation;
    const what = writes[item.operation]?.label ?? item.operation;
    const detail = item.state === "sent" ? (writes[item.operation]?.done(item.result) ?? "") : fates[item.state];
    li.textContent = `${new Date(item.createdAt).toLocaleTimeString("zh-CN")} ${what} · ${detail}`;
    ul.append(li);
  }
  const pending = items.filter((i) => i.state === "queued" || i.state === "sending").length;
  $("#pending").textContent = pending ? `${pending} 项待发送` : "";
}
queue.subscribe(() => void renderQueue());

function renderStatus() {
  const online = navigator.onLine;
  $("#status").dataset.state = online ? "online" : "offline";
  $("#status").textContent = online ? "在线" : "离线：办理内容将保存在本机";
}
window.addEventListener("online", renderStatus);
window.addEventListener("offline", renderStatus);

renderStatus();
await renderQueue();
queue.start(window); // replays whatever an earlier session left, and again whenever the network returns
async function showIdentity() {
  try {
    const me = await client.me();
    $("#kiosk-id").textContent = `终端 ${me.key.id} · ${me.jurisdiction_id}`;
  } catch (err) {
    $("#kiosk-id").textContent = describeError(err);
  }
}
window.addEventListener("online", () => void showIdentity());
await showIdentity();
// Ready also when started without network: the catalogue kept here and the queue still work.
document.body.dataset.ready = "true";
