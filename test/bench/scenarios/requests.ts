import { createClient, type Client, type InStatement } from "@libsql/client";
import { call as ctxCall, note, rawCeiling, record, type BenchContext } from "../context.ts";
import { populateRequests, type RequestFixture } from "../fixtures/requests.ts";
import { jsonOk, type Fetch } from "../http.ts";
import { load, type LoadResult } from "../load.ts";

/**
 * Bench scenarios for issue 4 (service requests), the `requests` group of test/bench/run.ts:
 * create (with an Idempotency-Key) against the same rows written straight through libSQL
 * (target ≥ 40 %), get by id against the bare route (≥ 50 %), the first and a deep list page,
 * dispatch + accept over distinct requests, and the scale run: list/filter p95 at 10k and at 1M
 * requests (target ratio ≤ 1.5). The set-up goes through the public API; only the scale run's
 * rows are bulk-written (test/bench/fixtures/requests.ts). `fetch` is injectable so the
 * in-process test (test/bench/requests-bench.test.ts) drives the same set-up.
 */

export interface RequestsSetup {
  jurisdictionId: string;
  countyId: string;
  towns: { id: string; gridIds: string[] }[];
  grids: { id: string; path: string }[];
  agencyId: string;
  residentToken: string;
}

const api = (f: Fetch, baseUrl: string, method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
  jsonOk(f, `${baseUrl}${path}`, { method, token, body, headers });

/** The path the server stores for an area, from the ancestors the API presents. */
const pathOf = (area: { area_path: { id: string }[] }) => `/${area.area_path.map((a) => a.id).join("/")}/`;

/**
 * A county with two towns, each one community of two grids; an agency for the first town; a
 * resident's token from the app key. The catalogue (with `noise`) is the tenant's standard one.
 */
export async function setupRequests(o: { baseUrl: string; adminKey: string; appKey: string; fetch?: Fetch }): Promise<RequestsSetup> {
  const f = o.fetch ?? fetch;
  const post = (path: string, body: unknown, token = o.adminKey) => api(f, o.baseUrl, "POST", path, token, body);
  const me = await api(f, o.baseUrl, "GET", "/v1/me", o.adminKey);
  // A jurisdiction has one county: another bench group may have made it already.
  const counties = await api(f, o.baseUrl, "GET", "/v1/areas?level=county", o.adminKey);
  const county = counties.data[0] ?? (await post("/v1/areas", { level: "county", name: "工单压测县" }));
  const towns: RequestsSetup["towns"] = [];
  const grids: RequestsSetup["grids"] = [];
  for (const t of [1, 2]) {
    const town = await post("/v1/areas", { level: "town", parent_id: county.id, name: `压测镇${t}` });
    const community = await post("/v1/areas", { level: "community", parent_id: town.id, name: `压测社区${t}` });
    const gridIds: string[] = [];
    for (const g of [1, 2]) {
      const grid = await post("/v1/areas", { level: "grid", parent_id: community.id, name: `压测网格${t}-${g}` });
      gridIds.push(grid.id);
      grids.push({ id: grid.id, path: pathOf(grid) });
    }
    towns.push({ id: town.id, gridIds });
  }
  const agency = await post("/v1/agencies", { name: "压测派出所", kind: "police_station", area_id: towns[0]!.id });
  const token = await post("/v1/tokens", { subject_type: "wechat_openid", subject: `bench-requests-${Date.now()}` }, o.appKey);
  return { jurisdictionId: me.jurisdiction_id, countyId: county.id, towns, grids, agencyId: agency.id, residentToken: token.access_token };
}

/** The body a resident's app sends: a noise complaint in a grid. */
export const createBody = (s: RequestsSetup, i: number) => ({
  service_code: "noise",
  description: "楼上装修，晚上十点后仍在施工",
  attributes: { source: "renovation" },
  channel: "app",
  area_id: s.grids[i % s.grids.length]!.id,
});

/** The fixture for populateRequests, from the set-up and the tenant's `noise` service row. */
export async function requestFixture(client: Client, s: RequestsSetup, now: number): Promise<RequestFixture> {
  const svc = await client.execute({ sql: "SELECT id, code, \"group\" FROM services WHERE jurisdiction_id = ? AND code = 'noise'", args: [s.jurisdictionId] });
  const row = svc.rows[0];
  if (!row) throw new Error("the bench tenant has no `noise` service: seed the catalogue");
  return { jurisdictionId: s.jurisdictionId, serviceId: String(row.id), serviceCode: String(row.code), serviceGroup: String(row.group), agencyId: s.agencyId, grids: s.grids, now };
}

/** Dispatch then accept each request in turn, `concurrency` at a time; latencies per transition. */
export async function dispatchAccept(o: { baseUrl: string; adminKey: string; agencyId: string; ids: string[]; concurrency?: number; fetch?: Fetch }) {
  const f = o.fetch ?? fetch;
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const step = async (id: string, verb: string, version: number, body: unknown) => {
    const t0 = performance.now();
    try {
      await api(f, o.baseUrl, "POST", `/v1/requests/${id}/${verb}`, o.adminKey, body, { "if-match": `"v${version}"` });
    } catch {
      failed++;
    }
    latencies.push(performance.now() - t0);
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: o.concurrency ?? 4 }, async () => {
      while (next < o.ids.length) {
        const id = o.ids[next++]!;
        await step(id, "dispatch", 1, { agency_id: o.agencyId });
        await step(id, "accept", 2, {});
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
  return { transitions: latencies.length, failed, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

/**
 * The DDL of the tables a create writes, as the server's migrations made them (indexes and the
 * foreign key to the tenant included, so the ceiling pays what the server pays).
 */
async function createTablesDdl(client: Client, jurisdictionId: string) {
  const rs = await client.execute(
    "SELECT sql FROM sqlite_master WHERE tbl_name IN ('jurisdictions', 'service_requests', 'request_events', 'outbox', 'idempotency_keys') AND sql IS NOT NULL ORDER BY type = 'index'",
  );
  const ddl = rs.rows.map((r) => `${r.sql};`).join("\n");
  return `${ddl}\nINSERT INTO jurisdictions (id, code, name, created_at) VALUES ('${jurisdictionId}', 'bench', 'Bench county', 0);`;
}

/**
 * What one create writes, straight through libSQL as one batch: the idempotency claim, the
 * request row, its first event, the outbox message, and the stored answer (the server does the
 * claim and the answer as writes of their own, so this ceiling is generous).
 */
export function rawCreateOps(s: RequestsSetup, fx: RequestFixture, answer: string) {
  const grid = s.grids[0]!;
  return (i: number): InStatement[] => {
    const t = Date.now();
    const id = `req_raw_${i}`;
    const key = `raw-${i}`;
    return [
      {
        sql: `INSERT INTO idempotency_keys (scope, key, fingerprint, response_status, response_body, response_headers, created_at, expires_at)
              VALUES (?, ?, ?, NULL, NULL, NULL, ?, ?)
              ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, created_at = excluded.created_at
              WHERE idempotency_keys.expires_at < ? OR (idempotency_keys.response_status IS NULL AND idempotency_keys.created_at < ?)
              RETURNING key`,
        args: ["user:usr_bench", key, "f".repeat(64), t, t + 7 * 86_400_000, t, t - 60_000],
      },
      {
        sql: `INSERT INTO service_requests (id, jurisdiction_id, tracking_code, service_id, service_code, service_group, status, version, active, channel,
                urgency, urgency_rank, description, attributes, reporter_user_id, reporter_name, reporter_phone, submitted_by, submitted_by_key_id,
                lat, lng, address, household_id, area_id, area_path, agency_id, dispatched_at, first_response_due_at, resolution_due_at,
                first_responded_at, resolved_at, rated_at, closed_at, rating, rating_comment, resolution_note, duplicate_of, escalation_level,
                overdue_since, response_breached_at, resolution_breached_at, photo_count, media_url, source_lead_id, created_at, updated_at)
              VALUES (?, ?, ?, ?, ?, ?, 'submitted', 1, 1, 'app', 'normal', 0, ?, ?, 'usr_bench', NULL, NULL, 'user:usr_bench', 'key_bench',
                NULL, NULL, NULL, NULL, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0,
                NULL, NULL, NULL, 0, NULL, NULL, ?, ?)`,
        args: [id, fx.jurisdictionId, `RAW-${i}`, fx.serviceId, fx.serviceCode, fx.serviceGroup, "楼上装修，晚上十点后仍在施工", '{"source":"renovation"}', grid.id, grid.path, t, t],
      },
      {
        sql: `INSERT INTO request_events (id, jurisdiction_id, request_id, type, from_status, to_status, actor, actor_role, actor_agency_id, note, visibility, data, at)
              VALUES (?, ?, ?, 'submitted', NULL, 'submitted', 'user:usr_bench', 'resident', NULL, NULL, 'public', '{"channel":"app"}', ?)`,
        args: [`evt_raw_${i}`, fx.jurisdictionId, id, t],
      },
      {
        sql: "INSERT INTO outbox (id, jurisdiction_id, type, agency_id, payload, created_at, dispatched_at) VALUES (?, ?, 'request.submitted', NULL, ?, ?, NULL)",
        args: [
          `obx_raw_${i}`,
          fx.jurisdictionId,
          JSON.stringify({ request_id: id, tracking_code: `RAW-${i}`, service_code: "noise", status: "submitted", version: 1, agency_id: null, area_id: grid.id, channel: "app" }),
          t,
        ],
      },
      {
        sql: "UPDATE idempotency_keys SET response_status = 201, response_body = ?, response_headers = ? WHERE scope = ? AND key = ?",
        args: [answer, '{"content-type":"application/json","location":"/v1/requests/x","etag":"\\"v1\\""}', "user:usr_bench", key],
      },
    ];
  };
}

/** Wall time of a few requests sent one after another, for a load too slow to answer within its run. */
async function sequentialMs(url: string, headers: Record<string, string>, n = 3) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.text();
    out.push(Math.round(performance.now() - t0));
  }
  return out;
}

/** The scale run keeps every latency (load option `p95`): autocannon's own percentiles skip p95. */
const tail = (r: LoadResult) => r.p95!;
const ms = (x: number) => x.toFixed(1);

export async function benchRequests(ctx: BenchContext) {
  const s = await setupRequests({ baseUrl: ctx.apiUrl, adminKey: ctx.adminKey, appKey: ctx.appKey });
  const client = createClient({ url: `file:${ctx.dir}/fengqiao.db` });
  await client.execute("PRAGMA busy_timeout = 10000");
  try {
    const fx = await requestFixture(client, s, Date.now());

    // create: a fresh Idempotency-Key per request, so every one does the work.
    const sample = await api(fetch, ctx.apiUrl, "POST", "/v1/requests", s.residentToken, createBody(s, 0), { "idempotency-key": crypto.randomUUID() });
    const raw = await rawCeiling(ctx, "request + event + outbox + idempotency", await createTablesDdl(client, fx.jurisdictionId), rawCreateOps(s, fx, JSON.stringify(sample)));
    const run = crypto.randomUUID();
    const create = await load({
      name: "create request (Idempotency-Key)",
      url: `${ctx.apiUrl}/v1/requests`,
      method: "POST",
      headers: { authorization: `Bearer ${s.residentToken}`, "content-type": "application/json" },
      setup: (i) => ({ body: JSON.stringify(createBody(s, i)), headers: { "idempotency-key": `${run}-${i}` } }),
      seconds: ctx.seconds,
    });
    record(ctx, create, raw, 0.4);

    const admin = { authorization: `Bearer ${ctx.adminKey}` };
    // The same credential on a route that reads no table: what the read costs beyond auth and the adapter.
    record(ctx, await load({ name: "GET /v1/me (admin key), for comparison", url: `${ctx.apiUrl}/v1/me`, headers: admin, seconds: ctx.seconds }), ctx.bare);
    record(ctx, await load({ name: "get request by id (admin key)", url: `${ctx.apiUrl}/v1/requests/${sample.id}`, headers: admin, seconds: ctx.seconds }), ctx.bare, 0.5);

    // The scale run's first size, which also gives the list scenarios a deep list to page through.
    const first = 10_000;
    const loadedSmall = await populateRequests(client, fx, 0, first);
    note(ctx, `fixture: ${first.toLocaleString("en")} requests bulk-written in ${loadedSmall} ms`);

    record(ctx, await load({ name: "list requests, first page (limit 20)", url: `${ctx.apiUrl}/v1/requests?limit=20`, headers: admin, seconds: ctx.seconds }));
    let cursor: string | undefined;
    let pages = 0;
    for (; pages < 50; pages++) {
      const page = await ctxCall(ctx, "GET", `/v1/requests?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, ctx.adminKey);
      if (!page.has_more) break;
      cursor = page.next_cursor;
    }
    if (!cursor) throw new Error("the request list has a single page: nothing deep to page to");
    record(
      ctx,
      await load({ name: `list requests, page ${pages + 1} by cursor (limit 20)`, url: `${ctx.apiUrl}/v1/requests?limit=20&cursor=${encodeURIComponent(cursor!)}`, headers: admin, seconds: ctx.seconds }),
    );

    // dispatch + accept over distinct requests filed through the API.
    const n = 200;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await api(fetch, ctx.apiUrl, "POST", "/v1/requests", s.residentToken, createBody(s, i))).id);
    const da = await dispatchAccept({ baseUrl: ctx.apiUrl, adminKey: ctx.adminKey, agencyId: s.agencyId, ids, concurrency: 4 });
    record(ctx, { name: `dispatch + accept (${n} requests, 4 at a time)`, rps: da.perSecond, p50: da.p50, p99: da.p99, p97_5: da.p99, errors: 0, non2xx: da.failed });
    note(ctx, `dispatch + accept: ${da.transitions} transitions, ${da.failed} failed, ${da.perSecond.toFixed(0)} transitions/s`);

    // Scale run: the same list/filter loads at 10k and at 1M rows.
    const filters = [
      { name: "status=submitted", query: "status=submitted" },
      { name: "area_id=<town>", query: `area_id=${s.towns[1]!.id}` },
      { name: "status=submitted&area_id=<town>", query: `status=submitted&area_id=${s.towns[1]!.id}` },
    ];
    const measure = async (size: string) => {
      const out: LoadResult[] = [];
      for (const flt of filters) {
        // 4 connections: the tail then reflects the query's cost more than the queue in front of it.
        const r = await load({ name: `list ${flt.name} at ${size}`, url: `${ctx.apiUrl}/v1/requests?limit=20&${flt.query}`, headers: admin, seconds: ctx.seconds, connections: 4, p95: true });
        record(ctx, r);
        if (r.rps === 0) note(ctx, `  no answer within the run: one request at a time, ${(await sequentialMs(`${ctx.apiUrl}/v1/requests?limit=20&${flt.query}`, admin)).join(", ")} ms`);
        out.push(r);
      }
      return out;
    };
    await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    const small = await measure("10k");
    const million = 1_000_000;
    const loadedLarge = await populateRequests(client, fx, first, million - first);
    await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    note(ctx, `fixture: grown to ${million.toLocaleString("en")} requests in ${(loadedLarge / 1000).toFixed(1)} s`);
    const large = await measure("1M");
    filters.forEach((flt, k) => {
      const [a, b] = [small[k]!, large[k]!];
      const target = "(target p95 ≤ 1.5×)";
      // No answer at all within the run is no latency of 0 ms.
      if (a.rps === 0 || b.rps === 0) return note(ctx, `list ${flt.name}: no answer within the ${ctx.seconds} s run at ${a.rps === 0 ? "10k" : "1M"} ${target} NOT met`);
      const ratio = tail(b) / tail(a);
      note(ctx, `list ${flt.name}: p95 ${ms(tail(a))} ms at 10k, ${ms(tail(b))} ms at 1M, ratio ${ratio.toFixed(2)} ${target} ${ratio <= 1.5 ? "met" : "NOT met"}`);
    });
  } finally {
    client.close();
  }
}
