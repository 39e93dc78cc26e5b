import type { Client, InStatement } from "@libsql/client";
import type { LoadOptions } from "../load.ts";
import type { AntifraudFixture } from "../fixtures/antifraud.ts";

/**
 * Bench scenarios for issue 5 (anti-fraud). Wiring in the runner, after `prepare()`:
 *
 *   const client = createClient({ url: `file:${dir}/fengqiao.db` });          // same file as the server
 *   const fx = await populateAntifraud(client, { jurisdictionId });            // 1M households, 10k alerts
 *   const numbers = await seedIndicators(client, secrets, jurisdictionId, 100_000, Date.now());
 *   const who = await antifraudPrincipals({ baseUrl: api.url, adminKey, client, fixture: fx });
 *   const pub = await publishScaling({ baseUrl: api.url, token: who.dispatcherToken, smallAreaId: fx.smallTownId, largeAreaId: fx.countyId });
 *   console.log(`publish p50: 1k ${pub.small_p50_ms} ms, 1M ${pub.large_p50_ms} ms, ratio ${pub.ratio} (target ≤ 1.5)`);
 *   for (const o of inboxLoads(api.url, fx, who)) record(await load({ ...o, seconds }));   // target p99 ≤ 20 ms
 *   record(await load({ ...fraudCheckLoad(api.url, who.kioskKey, numbers), seconds }), bareCeiling, 0.6);
 *
 * `fetch` is injectable so test/antifraud/bench.test.ts drives the in-process app with this code.
 */
type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

async function call(f: Fetch, url: string, opts: { method?: string; token: string; body?: unknown }) {
  const res = await f(url, {
    method: opts.method ?? (opts.body === undefined ? "GET" : "POST"),
    headers: { authorization: `Bearer ${opts.token}`, ...(opts.body === undefined ? {} : { "content-type": "application/json" }) },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export interface AntifraudPrincipals {
  dispatcherToken: string;
  kioskKey: string;
  residentTokens: string[];
}

/**
 * A dispatcher (who may alert the whole county), a kiosk key, and `residents` residents placed in
 * the fixture's grids, with tokens from the public token exchange. Users are inserted directly
 * (registering staff is an admin's job the bench need not time). Tokens last 15 minutes.
 */
export async function antifraudPrincipals(opts: { baseUrl: string; adminKey: string; client: Client; fixture: AntifraudFixture; residents?: number; fetch?: Fetch }): Promise<AntifraudPrincipals> {
  const f = opts.fetch ?? fetch;
  const j = opts.fixture.jurisdictionId;
  const key = async (kind: string, scopes?: string[]) => {
    const r = await call(f, `${opts.baseUrl}/v1/keys`, { token: opts.adminKey, body: { name: `bench ${kind}`, kind, ...(scopes ? { scopes } : {}) } });
    if (r.status !== 201) throw new Error(`key: ${r.status}`);
    return r.body.secret as string;
  };
  const staffApp = await key("app", ["tokens:exchange", "alerts:read", "alerts:write", "fraud:check"]);
  const kioskKey = await key("kiosk");
  const now = Date.now();
  const count = opts.residents ?? 200;
  const stmts: InStatement[] = [
    { sql: "INSERT OR IGNORE INTO users (id, jurisdiction_id, subject_type, subject, role, created_at) VALUES (?, ?, 'staff_id', 'bench-dispatcher', 'dispatcher', ?)", args: ["usr_bench_dispatcher", j, now] },
  ];
  for (let i = 0; i < count; i++) {
    const grid = opts.fixture.grids[i % opts.fixture.grids.length]!;
    stmts.push(
      { sql: "INSERT OR IGNORE INTO users (id, jurisdiction_id, subject_type, subject, role, created_at) VALUES (?, ?, 'staff_id', ?, 'resident', ?)", args: [`usr_bench_r${i}`, j, `bench-resident-${i}`, now] },
      { sql: "INSERT OR IGNORE INTO user_areas (user_id, area_id, duty) VALUES (?, ?, 'member')", args: [`usr_bench_r${i}`, grid] },
    );
  }
  await opts.client.batch(stmts, "write");
  const exchange = async (subject: string) => {
    const r = await call(f, `${opts.baseUrl}/v1/tokens`, { token: staffApp, body: { subject_type: "staff_id", subject } });
    if (r.status !== 200) throw new Error(`token exchange: ${r.status}`);
    return r.body.access_token as string;
  };
  const residentTokens: string[] = [];
  for (let i = 0; i < count; i++) residentTokens.push(await exchange(`bench-resident-${i}`));
  return { dispatcherToken: await exchange("bench-dispatcher"), kioskKey, residentTokens };
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Publish time for an alert to ~1,000 households against one to the whole county (~1,000,000),
 * interleaved (alternating which goes first) so drift hits both alike. Drafts are made outside the timed part; each timed call is
 * the full HTTP publish (auth, authorization, guarded UPDATE, target rows, outbox).
 */
export async function publishScaling(opts: { baseUrl: string; token: string; smallAreaId: string; largeAreaId: string; runs?: number; fetch?: Fetch }) {
  const f = opts.fetch ?? fetch;
  const runs = opts.runs ?? 15;
  const times = { small: [] as number[], large: [] as number[] };
  const draft = async (areaId: string) => {
    const r = await call(f, `${opts.baseUrl}/v1/alerts`, {
      token: opts.token,
      body: { kind: "fraud_warning", severity: "Severe", urgency: "Immediate", certainty: "Observed", title_zh: "基准：警惕冒充客服退款", body_zh: "请勿点击陌生链接。", area_ids: [areaId] },
    });
    if (r.status !== 201) throw new Error(`draft: ${r.status}`);
    return r.body.id as string;
  };
  for (let i = 0; i < runs + 2; i++) {
    const pair = [["small", opts.smallAreaId], ["large", opts.largeAreaId]] as const;
    // Alternate which goes first, so neither always follows the other's write.
    for (const [size, areaId] of i % 2 === 0 ? pair : [pair[1], pair[0]]) {
      const id = await draft(areaId);
      const start = performance.now();
      const r = await call(f, `${opts.baseUrl}/v1/alerts/${id}/publish`, { token: opts.token, method: "POST" });
      const ms = performance.now() - start;
      if (r.status !== 200) throw new Error(`publish: ${r.status}`);
      if (i >= 2) times[size].push(ms); // the first two rounds warm up
    }
  }
  const small = p50(times.small);
  const large = p50(times.large);
  return { runs, small_p50_ms: Math.round(small * 100) / 100, large_p50_ms: Math.round(large * 100) / 100, ratio: Math.round((large / small) * 100) / 100 };
}

/** Inbox reads as households (doorplate, no login), residents (token) and kiosks (key + area): each request a different reader. */
export function inboxLoads(baseUrl: string, fx: AntifraudFixture, who: AntifraudPrincipals): (LoadOptions & { name: string })[] {
  return [
    {
      name: "GET doorplate inbox (1M households, 10k alerts)",
      url: `${baseUrl}/v1/doorplates/${fx.doorplates[0]}/alerts`,
      setup: (i) => ({ path: `/v1/doorplates/${fx.doorplates[i % fx.doorplates.length]}/alerts` }),
    },
    {
      name: "GET resident inbox (token, own grid)",
      url: `${baseUrl}/v1/alerts/inbox`,
      setup: (i) => ({ headers: { authorization: `Bearer ${who.residentTokens[i % who.residentTokens.length]}` } }),
    },
    {
      name: "GET kiosk inbox (key, area_id)",
      url: `${baseUrl}/v1/alerts/inbox?area_id=${fx.grids[0]}`,
      headers: { authorization: `Bearer ${who.kioskKey}` },
      setup: (i) => ({ path: `/v1/alerts/inbox?area_id=${fx.grids[i % fx.grids.length]}` }),
    },
  ];
}

/** Fraud checks from a kiosk: half numbers that were reported (`numbers`), half never seen, formatted as people type them. */
export function fraudCheckLoad(baseUrl: string, kioskKey: string, numbers: string[]): LoadOptions & { name: string } {
  return {
    name: "POST /v1/fraud/checks (kiosk, HMAC + 1 lookup)",
    url: `${baseUrl}/v1/fraud/checks`,
    method: "POST",
    headers: { authorization: `Bearer ${kioskKey}`, "content-type": "application/json" },
    setup: (i) => {
      const n = i % 2 === 0 && numbers.length ? numbers[i % numbers.length]! : `139${String(i % 100_000_000).padStart(8, "0")}`;
      return { body: JSON.stringify({ kind: "phone", value: `+86 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}` }) };
    },
  };
}
