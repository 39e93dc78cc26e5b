import { scopes } from "../../worker/lib/scopes.ts";
import { alertBody, publishedAlert } from "../antifraud/factories.ts";
import { world } from "../requests/factories.ts";
import { file, step } from "../requests/helpers.ts";
import type { TestApp } from "../support/app.ts";
import { postTask, signUp, taskBody, volunteer } from "../volunteers/factories.ts";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);

/** A small image for the operations that take one: the fuzz varies JSON, not image bytes. */
export const png = () => PNG.slice();

async function ok(res: Promise<{ status: number; json: any; text: string }>, status = 201) {
  const r = await res;
  if (r.status !== status) throw new Error(`fuzz world setup failed: ${r.status} ${r.text}`);
  return r.json;
}

/**
 * One county with at least one of everything a path names, made through the same factories the
 * feature tests use, and callers in each role that has its own routes. Objects the fuzz may
 * disable, revoke, reissue or retire are spares that no caller or other pool depends on.
 */
export async function fuzzWorld(t: TestApp) {
  const w = await world(t);
  const { county } = w;
  const admin = county.adminKey;
  const asAdmin = { auth: admin };

  // Staff and residents hold tokens through keys that carry every scope their role may use, so
  // the fuzz reaches role checks and services rather than stopping at a missing scope.
  const consoleKey = (await county.key("app", scopes.filter((s) => s !== "admin"))).secret;
  const residentKey = (await county.key("app")).secret;
  const exchange = async (subject: string, key: string) => (await ok(t.post("/v1/tokens", { subject_type: "wechat_openid", subject }, { auth: key }), 200)).access_token as string;
  const dispatcher = await exchange(w.dispatcher.subject, consoleKey);
  const officer = await exchange(w.officer.subject, consoleKey);
  const resident = await exchange(w.resident.subject, residentKey);

  const spareKey = await county.key("integration");
  const doomedKey = await county.key("integration");
  const spareUser = await ok(
    t.post("/v1/users", { role: "department_staff", subject_type: "staff_id", subject: "fuzz-spare", display_name: "备用账号", agency_id: w.housing.id }, asAdmin),
  );
  await ok(t.put(`/v1/areas/${w.grid.id}/members/${spareUser.id}`, { duty: "staff" }, asAdmin), 200);
  const spareHome = await ok(t.post("/v1/households", { address: "城关街道金水社区5号楼", grid_id: w.grid.id }, asAdmin));
  const plated = await ok(t.post("/v1/households", { address: "城关街道金水社区6号楼", grid_id: w.grid.id, lat: 35.2372, lng: 110.1491 }, asAdmin));
  const newService = (code: string) =>
    ok(t.post("/v1/services", { code, names: { "zh-CN": "测试事项", en: "Fuzz service" }, group: "nuisance", sla: { first_response_minutes: 30, resolution_hours: 12 } }, asAdmin));
  const service = await newService("fuzz-service");
  const doomedService = await newService("fuzz-retired");

  const noiseBody = { service_code: "noise", attributes: { source: "shop" }, description: "楼下商铺噪音", doorplate_code: plated.doorplate_code };
  const noise = await file(t, resident, noiseBody);
  await ok(t.post(`/v1/requests/${noise.id}/comments`, { body: "还在响" }, { auth: resident }));
  const form = new FormData();
  form.append("photo", new File([png()], "photo.png", { type: "image/png" }));
  const photo = await ok(t.post(`/v1/requests/${noise.id}/photos`, form, { auth: resident }));
  const parties = [{ name: "张三丰", phone: "13812345678", role: "applicant" }, { name: "王五", phone: "13955556666", role: "respondent" }];
  const disputeBody = { service_code: "dispute", attributes: { dispute_type: "neighbour" }, description: "楼上漏水", doorplate_code: plated.doorplate_code, dispute: { parties } };
  // Disputes go to the officer's station, so both staff callers can move them along.
  type Steps = [verb: string, token: string, body?: object][];
  const submitted: Steps = [];
  const toDispatched: Steps = [["dispatch", dispatcher]];
  const toAccepted: Steps = [...toDispatched, ["accept", officer]];
  const toResolved: Steps = [...toAccepted, ["resolve", officer, { result: "已处理" }]];
  const inState = async (steps: Steps) => {
    let req = await file(t, resident, disputeBody);
    for (const [verb, token, body] of steps) req = await step(t, token, req, verb, body);
    return req;
  };
  const [openDispute, dispatched, accepted, settled] = [await inState(submitted), await inState(toDispatched), await inState(toAccepted), await inState(toResolved)];
  // Resolved, the second has follow-up visits to record.
  const disputes = [await ok(t.get(`/v1/disputes/${openDispute.id}`, asAdmin), 200), await ok(t.get(`/v1/disputes/${settled.id}`, asAdmin), 200)];
  // Each lifecycle verb gets two requests of its own in a state it starts from: by the verb's turn
  // the shared ones have usually moved on.
  const verbs: Record<string, Steps> = {
    dispatchServiceRequest: submitted,
    acceptServiceRequest: toDispatched,
    declineServiceRequest: toDispatched,
    transferServiceRequest: toDispatched,
    startServiceRequest: toAccepted,
    resolveServiceRequest: toAccepted,
    rateServiceRequest: toResolved,
    closeServiceRequest: toResolved,
    reopenServiceRequest: toResolved,
    withdrawServiceRequest: submitted,
    markServiceRequestDuplicate: submitted,
    markServiceRequestInvalid: submitted,
  };
  const lifecycleIds: Record<string, string[]> = {};
  for (const [operationId, steps] of Object.entries(verbs)) lifecycleIds[`${operationId}/{id}`] = [(await inState(steps)).id, (await inState(steps)).id];

  const alert = await publishedAlert(t, dispatcher, { whole_jurisdiction: true });
  const doomedAlert = await publishedAlert(t, dispatcher, { area_ids: [w.grid.id] });
  const newDraft = () =>
    ok(t.post("/v1/alerts", { kind: "traffic_safety", severity: "Minor", urgency: "Future", certainty: "Likely", title_zh: "草稿", body_zh: "草稿正文", area_ids: [w.town.id] }, { auth: dispatcher }));
  const draft = await newDraft();
  const sendable = await newDraft();

  const report = await ok(t.post("/v1/fraud/reports", { kind: "phone", value: "13800138000", narrative: "冒充客服要求退款" }, { auth: resident }));
  await ok(t.request("POST", `/v1/fraud/reports/${report.id}/photos`, { body: png(), auth: resident, headers: { "content-type": "image/png" } }));
  const indicators = (await ok(t.get("/v1/fraud/indicators", asAdmin), 200)).data as { id: string }[];
  const interventionBody = { source: "hotline", area_id: w.grid.id, summary: "老人欲向安全账户转账", victim_phone: "13700001111", amount_at_risk_fen: 2_000_000 };
  const intervention = await ok(t.post("/v1/interventions", interventionBody, asAdmin));

  const at = { id: w.grid.id, path: w.grid.path, lat: 35.2372, lng: 110.1491 };
  const vol = await volunteer(t, county, { homeAreaId: w.grid.id });
  const applicant = await volunteer(t, county, { homeAreaId: w.grid.id, verified: false });
  const team = await ok(t.post("/v1/volunteer-teams", { name: "金水巡逻队", area_id: w.community.id }, asAdmin));
  // Over before the fuzz starts, for the verbs that only apply afterwards. Tokens live 15 minutes
  // of the clock, so a five-minute step keeps every caller's token valid.
  const minutes = (n: number) => new Date(t.deps.now() + n * 60_000).toISOString();
  const pastTask = await postTask(t, admin, at, { starts_at: minutes(1), ends_at: minutes(3) });
  const attended = await ok(signUp(t, vol.token, pastTask.id));
  const absent = await ok(signUp(t, (await volunteer(t, county, { homeAreaId: w.grid.id })).token, pastTask.id));
  t.clock.advance(5 * 60_000);
  // Starting in ten minutes: check-in is open now, on the fixed clock.
  const soon = new Date(t.deps.now() + 10 * 60_000);
  const task = await postTask(t, admin, at, { starts_at: soon.toISOString(), ends_at: new Date(soon.getTime() + 2 * 3_600_000).toISOString() });
  const siteCode = (await ok(t.get(`/v1/tasks/${task.id}/site-code`, asAdmin), 200)).code as string;
  const tomorrow = new Date(t.deps.now() + 86_400_000);
  const laterTask = await postTask(t, admin, at, { starts_at: tomorrow.toISOString(), ends_at: new Date(tomorrow.getTime() + 3_600_000).toISOString() });
  const draftTask = await postTask(t, admin, at, { publish: false });
  const dayAfter = new Date(t.deps.now() + 2 * 86_400_000);
  const openTask = await postTask(t, admin, at, { starts_at: dayAfter.toISOString(), ends_at: new Date(dayAfter.getTime() + 3_600_000).toISOString() });
  const signup = await ok(signUp(t, vol.token, task.id));
  const laterSignup = await ok(signUp(t, vol.token, laterTask.id));
  const newLead = () => ok(t.post("/v1/leads", { text: "3号楼有陌生人敲门", task_id: task.id }, { auth: vol.token }));
  const lead = await newLead();
  const doomedLead = await newLead();
  await ok(t.put(`/v1/leads/${lead.id}/photo`, png(), { auth: vol.token, headers: { "content-type": "image/png" } }), 200);
  const entry = await ok(t.post(`/v1/volunteers/${vol.id}/points/entries`, { kind: "bonus", points: 5, reason: "协助" }, asAdmin));
  const hook = await ok(t.post("/v1/webhooks", { url: "https://hooks.example.com/fq" }, asAdmin));
  const doomedHook = await ok(t.post("/v1/webhooks", { url: "https://hooks.example.com/old" }, asAdmin));

  const areaIds = [w.root.id, w.town.id, w.community.id, w.grid.id, w.otherGrid.id];
  const requestIds = [noise.id, openDispute.id, dispatched.id, accepted.id, settled.id];
  const alertIds = [alert.id, draft.id];
  /**
   * Real ids by `<segment before the parameter>/{name}` of a path template, or by
   * `<operationId>/{name}` for operations that end what they touch, which get objects of their own.
   */
  const pathIds: Record<string, string[]> = {
    "revokeApiKey/{id}": [doomedKey.id],
    "retireService/{code}": [doomedService.code],
    "deleteWebhookEndpoint/{id}": [doomedHook.id],
    "cancelAlert/{id}": [doomedAlert.id],
    "publishAlert/{id}": [sendable.id],
    "publishTask/{id}": [draftTask.id],
    "cancelTask/{id}": [draftTask.id],
    "signUpForTask/{id}": [openTask.id],
    "completeTask/{id}": [pastTask.id],
    "confirmAttendance/{id}": [attended.id],
    "markNoShow/{id}": [absent.id],
    "withdrawSignup/{id}": [laterSignup.id],
    ...lifecycleIds,
    "dismissLead/{id}": [doomedLead.id],
    "verifyVolunteer/{id}": [applicant.id],
    "suspendVolunteer/{id}": [applicant.id],
    "keys/{id}": [spareKey.id],
    "agencies/{id}": [w.station.id, w.urban.id],
    "areas/{id}": areaIds,
    "members/{user_id}": [spareUser.id],
    "users/{id}": [spareUser.id],
    "households/{id}": [spareHome.id],
    // Each in every form the contract accepts: plate codes in any case, tracking codes for requests,
    // a dispute by its request's id.
    "doorplates/{code}": [plated.doorplate_code, plated.doorplate_code.toUpperCase()],
    "volunteers/{id}": [vol.id],
    "volunteer-teams/{id}": [team.id],
    "tasks/{id}": [task.id],
    "signups/{id}": [signup.id],
    "leads/{id}": [lead.id],
    "services/{code}": [service.code, "lost-and-found"],
    "requests/{id}": [...requestIds, noise.tracking_code.toLowerCase()],
    "photos/{photo_id}": [photo.id],
    "disputes/{id}": [...disputes.map((d) => d.id), openDispute.id],
    "follow-ups/{follow_up_id}": disputes.flatMap((d) => d.follow_ups.map((f: { id: string }) => f.id)),
    "alerts/{id}": alertIds,
    "reports/{id}": [report.id],
    "photos/{index}": ["0"],
    "indicators/{id}": indicators.map((i) => i.id),
    "interventions/{id}": [intervention.id],
    "webhooks/{id}": [hook.id],
  };
  /** Real values for body properties and query parameters of these names. */
  const hints: Record<string, unknown[]> = {
    area_id: areaIds,
    area_ids: areaIds,
    parent_id: areaIds,
    grid_id: [w.grid.id, w.otherGrid.id],
    home_area_id: [w.grid.id],
    agency_id: [w.station.id, w.urban.id],
    default_agency_id: [w.urban.id],
    team_id: [team.id],
    task_id: [task.id],
    request_id: requestIds,
    duplicate_of: requestIds,
    household_id: [w.home.id],
    doorplate_code: [plated.doorplate_code],
    service_code: ["noise", "dispute", "consultation", "lost-and-found", service.code],
    user_id: [spareUser.id, w.officer.id],
    officer_id: [w.officer.id],
    resident_id: [w.resident.id],
    subject_id: [...requestIds, spareUser.id],
    alert_id: alertIds,
    alert_ids: alertIds,
    chain_id: [alert.id],
    party_ids: disputes.flatMap((d) => d.parties.map((p: { id: string }) => p.id)),
    source_lead_id: [lead.id],
    intervention_id: [intervention.id],
    jurisdiction: [county.code],
    attributes: [{ source: "shop" }, { dispute_type: "neighbour" }, { kind: "lost", item: "钱包" }, {}],
    phone: ["13812345678", "+86 138-1234-5678"],
    url: ["https://hooks.example.com/fq"],
    address: ["城关街道金水社区9号楼"],
    // Stale and missing ETags are the lifecycle tests' business; here the verbs should run.
    "if-match": ["*"],
    "if-none-match": ["*", '"v1"', 'W/"v2"'],
  };
  const now = new Date(t.deps.now()).toISOString();
  const location = { lat: at.lat, lng: at.lng };
  /** Known-good bodies by operationId, varied a field at a time (schema-arbitrary.ts `around`). */
  const seeds: Record<string, Record<string, unknown>[]> = {
    createArea: [{ parent_id: w.community.id, level: "grid", name: "新网格", code: "NEW-G1", lat: 35.24, lng: 110.15 }],
    createHousehold: [{ address: "城关街道金水社区7号楼", grid_id: w.grid.id, lat: 35.24, lng: 110.15, external_ref: "JS-7" }],
    updateHousehold: [{ address: "城关街道金水社区8号楼", lat: 35.24, lng: 110.15 }],
    createUser: [{ role: "officer", subject_type: "staff_id", subject: "fuzz-officer", display_name: "李警官", agency_id: w.station.id, areas: [{ area_id: w.grid.id, duty: "officer" }] }],
    createTask: [taskBody(t, at, { required_skills: ["first_aid"], team_id: team.id })],
    updateTask: [{ title: "夜间巡逻（调整）", capacity: 8 }],
    checkIn: [{ site_code: siteCode }, { location }],
    checkOut: [{ site_code: siteCode }, { location }],
    createPointEntry: [{ kind: "bonus", points: 5, reason: "协助", occurred_at: now }, { kind: "correction", points: -2, reason: "多记", corrects_entry_id: entry.id }],
    createLead: [{ text: "3号楼有陌生人敲门", task_id: task.id, location }],
    createService: [{ code: "fuzz-two", names: { "zh-CN": "测试二", en: "Fuzz two" }, group: "nuisance", sla: { first_response_minutes: 30, resolution_hours: 12 }, attributes: [{ code: "size", datatype: "number", description: "大小" }] }],
    createServiceRequest: [noiseBody, disputeBody, { service_code: "lost-and-found", attributes: { kind: "lost", item: "钱包" }, location: { lat: at.lat, long: at.lng } }],
    recordMediationSession: [{ held_at: now, location: "调解室", summary: "双方同意维修", outcome: "agreed" }],
    recordMediationAgreement: [{ text: "一、王五修复管道。", signed_at: now, party_ids: disputes[0].parties.map((p: { id: string }) => p.id) }],
    createAlert: [alertBody({ whole_jurisdiction: true }), alertBody({ area_ids: [w.grid.id], title_en: "Beware", body_en: "Scam calls", effective_at: now })],
    editAlert: [{ title_zh: "改过的标题", area_ids: [w.town.id] }],
    issueAlertUpdate: [{ body_zh: "更新：嫌疑人已落网", whole_jurisdiction: true }],
    checkFraudIndicator: [{ kind: "phone", value: "13800138000" }],
    reportFraudIndicator: [{ kind: "phone", value: "13800138000", narrative: "冒充客服", amount_fen: 50_000, occurred_at: now, area_id: w.grid.id }],
    createIntervention: [interventionBody],
    resolveIntervention: [{ outcome: "stopped", amount_saved_fen: 2_000_000, anti_fraud_app_installed: true, note: "已劝阻" }],
  };
  const callers = { admin, dispatcher, officer, resident, volunteer: vol.token };
  // A neighbour and another volunteer of the same county, and what the first resident and volunteer
  // own: their requests (with comments and photos), their report, sign-ups, leads and ledger.
  const strangers = {
    resident: await exchange(w.neighbour.subject, residentKey),
    volunteer: (await volunteer(t, county, { homeAreaId: w.grid.id, name: "周师傅" })).token,
  };
  const owned = [...requestIds, ...Object.values(lifecycleIds).flat(), photo.id, report.id, signup.id, laterSignup.id, attended.id, lead.id, doomedLead.id, vol.id];
  return { callers, strangers, owned, pathIds, hints, seeds };
}

export type FuzzWorld = Awaited<ReturnType<typeof fuzzWorld>>;

/** The world's ids for path parameter `name` of an operation: its own pool, else by the segment before it. */
export function idsFor(w: FuzzWorld, op: { id: string; path: string }, name: string): string[] {
  const before = op.path.slice(0, op.path.indexOf(`{${name}}`)).split("/").filter(Boolean).pop();
  return w.pathIds[`${op.id}/{${name}}`] ?? w.pathIds[`${before}/{${name}}`] ?? [];
}

/** The operation's path with each parameter the world's first id for it; undefined when it has none. */
export function filledPath(w: FuzzWorld, op: { id: string; path: string }): string | undefined {
  let missing = false;
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const id = idsFor(w, op, name)[0];
    if (id === undefined) missing = true;
    return encodeURIComponent(id ?? "");
  });
  return missing ? undefined : path;
}

/**
 * A known-good body for an operation, as its declared media type takes it: the world's seed for
 * JSON, a one-row CSV, a small PNG. `variant` makes another body of the same kind (one unknown JSON
 * field, another address, another last byte), for checks that need two different ones. A fresh
 * body each call: FormData and bytes are consumed by a request. `If-Match: *` lets the verbs run.
 */
export function knownGoodBody(w: FuzzWorld, op: { id: string; body?: string }, variant = 0): { body?: unknown; headers: Record<string, string> } {
  const headers: Record<string, string> = { "if-match": "*" };
  const image = () => {
    const bytes = png();
    if (variant) bytes[bytes.length - 1] = variant;
    return bytes;
  };
  switch (op.body) {
    case undefined:
      return { headers };
    case "application/json":
      return { body: { ...(w.seeds[op.id]?.[0] ?? {}), ...(variant ? { fuzz_variant: variant } : {}) }, headers };
    case "text/csv":
      return { body: `address,grid,lat,lng,external_ref\r\n城关街道金水社区${20 + variant}号楼,${w.hints.grid_id![0]},,,`, headers: { ...headers, "content-type": "text/csv" } };
    case "multipart/form-data": {
      const form = new FormData();
      form.append("photo", new File([image()], "photo.png", { type: "image/png" }));
      return { body: form, headers };
    }
    default:
      return { body: image(), headers: { ...headers, "content-type": op.body } };
  }
}
