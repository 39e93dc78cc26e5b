/**
 * Bench scenario for issue 6: N volunteers sign up at the same instant for a task with C places.
 * The API must end with exactly C confirmed and N − C waitlisted, every run, whatever N.
 *
 * Wiring (the lead's runner): make an area (places API), then
 *   const tokens = await volunteerTokens({ baseUrl, appKey, count: 1000 });
 *   const r = await signupRace({ baseUrl, staffToken: adminKey, areaId, tokens, capacity: 20 });
 * and compare `r.signups_per_s` with `rawSignupOps` run through test/bench/raw-writes.ts.
 * `fetch` is injectable so a test can drive the in-process app with the same code.
 */
import { jsonCall, type Fetch } from "../http.ts";

export interface RaceResult {
  confirmed: number;
  waitlisted: number;
  /** Anything but 201 (should be 0). */
  failed: number;
  elapsed_ms: number;
  signups_per_s: number;
  /** What the server says afterwards: must equal `capacity`. */
  server_confirmed: number;
  task_id: string;
  /** One per accepted sign-up: as many distinct ids as tokens means every volunteer was heard once. */
  signup_ids: string[];
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

/**
 * `count` volunteer tokens made through the public API only: each is a resident (token exchange
 * with the app key) who applies to volunteer, then exchanges again to carry the volunteer role.
 */
export async function volunteerTokens(opts: { baseUrl: string; appKey: string; count: number; prefix?: string; fetch?: Fetch; concurrency?: number }): Promise<string[]> {
  const f = opts.fetch ?? fetch;
  const prefix = opts.prefix ?? `bench-volunteer-${Date.now()}`;
  const exchange = async (subject: string) => {
    const r = await jsonCall(f, `${opts.baseUrl}/v1/tokens`, { token: opts.appKey, body: { subject_type: "wechat_openid", subject } });
    if (r.status !== 200) throw new Error(`token exchange: ${r.status}`);
    return r.body.access_token as string;
  };
  return pool(
    Array.from({ length: opts.count }, (_, i) => `${prefix}-${i}`),
    opts.concurrency ?? 32,
    async (subject) => {
      const resident = await exchange(subject);
      const applied = await jsonCall(f, `${opts.baseUrl}/v1/me/volunteer-profile`, { token: resident, body: {} });
      if (applied.status !== 201) throw new Error(`apply: ${applied.status}`);
      return exchange(subject);
    },
  );
}

let runs = 0;

/**
 * Posts a task with `capacity` places, then fires every token's sign-up at once. Each run's task
 * gets its own time window: the same volunteers confirmed in an earlier run would otherwise (and
 * rightly) be refused for holding an overlapping place.
 */
export async function signupRace(opts: {
  baseUrl: string;
  staffToken: string;
  areaId: string;
  tokens: string[];
  capacity?: number;
  /** The server's "now" (epoch ms) if it is not the wall clock, as in tests. */
  startsAt?: number;
  fetch?: Fetch;
  /** Readies every token's sign-up, then `fire` sends them at once; by default each through `fetch`. */
  burst?: (url: string, tokens: string[]) => Promise<() => Promise<{ status: number; body: any }[]>>;
}): Promise<RaceResult> {
  const f = opts.fetch ?? fetch;
  const capacity = opts.capacity ?? 20;
  const start = (opts.startsAt ?? Date.now()) + (1 + 3 * runs++) * 3_600_000;
  const task = await jsonCall(f, `${opts.baseUrl}/v1/tasks`, {
    token: opts.staffToken,
    body: {
      kind: "event_security",
      title: "Bench: 1,000 for 20",
      location: { lat: 35.2372, lng: 110.1491 },
      area_id: opts.areaId,
      starts_at: new Date(start).toISOString(),
      ends_at: new Date(start + 2 * 3_600_000).toISOString(),
      capacity,
    },
  });
  if (task.status !== 201) throw new Error(`create task: ${task.status} ${JSON.stringify(task.body)}`);
  const taskId = task.body.id as string;

  const url = `${opts.baseUrl}/v1/tasks/${taskId}/signups`;
  const fire = opts.burst ? await opts.burst(url, opts.tokens) : () => Promise.all(opts.tokens.map((token) => jsonCall(f, url, { method: "POST", token })));
  const t0 = performance.now();
  const results = await fire();
  const elapsed = performance.now() - t0;

  const after = await jsonCall(f, `${opts.baseUrl}/v1/tasks/${taskId}`, { token: opts.staffToken });
  const ok = results.filter((r) => r.status === 201);
  return {
    confirmed: ok.filter((r) => r.body.status === "confirmed").length,
    waitlisted: ok.filter((r) => r.body.status === "waitlisted").length,
    failed: results.length - ok.length,
    elapsed_ms: Math.round(elapsed),
    signups_per_s: Math.round((results.length / elapsed) * 1000),
    server_confirmed: after.body.confirmed_count as number,
    task_id: taskId,
    signup_ids: ok.map((r) => r.body.id as string),
  };
}

/**
 * The storage ceiling for a sign-up: the rows one writes, straight through libSQL (for
 * test/bench/raw-writes.ts): the sign-up row, and the task's open/full status check.
 */
export const rawSignupSchema = `
  CREATE TABLE t (id TEXT PRIMARY KEY, status TEXT, capacity INTEGER, updated_at INTEGER);
  CREATE TABLE s (id TEXT PRIMARY KEY, task_id TEXT, user_id TEXT, status TEXT, created_at INTEGER, UNIQUE (task_id, user_id));
  INSERT INTO t VALUES ('task', 'open', 1000000000, 0);`;
export const rawSignupOps = (n: number) => [
  { sql: "INSERT INTO s VALUES (?, 'task', ?, 'confirmed', ?)", args: [`s${n}`, `u${n}`, n] },
  { sql: "UPDATE t SET updated_at = ? WHERE id = 'task' AND status = 'open'", args: [n] },
];

/** Issue 6 in `npm run bench`: the 1,000-for-20 race against the real server, and its ceiling. */
export async function benchVolunteers(ctx: import("../context.ts").BenchContext) {
  const { call, note, rawCeiling } = await import("../context.ts");
  const { burst } = await import("../load.ts");
  // A jurisdiction has one county: another bench group may have made it already.
  const county =
    (await call(ctx, "GET", "/v1/areas?level=county", ctx.adminKey)).data[0] ?? (await call(ctx, "POST", "/v1/areas", ctx.adminKey, { level: "county", name: "压测县" }));
  const tokens = await volunteerTokens({ baseUrl: ctx.apiUrl, appKey: ctx.appKey, count: 1000 });
  const raw = await rawCeiling(ctx, "sign-up rows", rawSignupSchema, rawSignupOps);
  // One uncounted race first, as every other scenario gets a warm-up: 1,000 calls are too few for
  // the JIT to have compiled the sign-up path by the end of the first run.
  await signupRace({ baseUrl: ctx.apiUrl, staffToken: ctx.adminKey, areaId: county.id, tokens, capacity: 20, burst });
  for (let run = 1; run <= 3; run++) {
    const r = await signupRace({ baseUrl: ctx.apiUrl, staffToken: ctx.adminKey, areaId: county.id, tokens, capacity: 20, burst });
    const exact = r.confirmed === 20 && r.server_confirmed === 20 && r.waitlisted === 980 && r.failed === 0 && new Set(r.signup_ids).size === 1000;
    note(
      ctx,
      `1,000 sign-ups for 20 places, run ${run}: ${r.confirmed} confirmed (server: ${r.server_confirmed}), ${r.waitlisted} waitlisted, ${r.failed} failed — ${exact ? "exact" : "NOT exact"}; ${r.signups_per_s} sign-ups/s = ${((r.signups_per_s / raw.rps) * 100).toFixed(0)}% of ${raw.name} (target ≥ 40%; ${((r.signups_per_s / raw.alternative!.rps) * 100).toFixed(0)}% via @libsql/client)`,
    );
  }
  note(ctx, signupFloor(await meBurst(ctx.apiUrl, tokens, burst), raw.rps));
}

/**
 * The same burst against `GET /v1/me`: the same volunteers' tokens verified, no table touched. A
 * sign-up does all of that and then writes, so the burst's time plus the raw rows' time bounds from
 * above what any sign-up implementation could reach here, before its capacity count and checks.
 */
async function meBurst(apiUrl: string, tokens: string[], burst: typeof import("../load.ts").burst) {
  const fire = await burst(`${apiUrl}/v1/me`, tokens, "GET");
  const t0 = performance.now();
  const answers = await fire();
  const elapsed = performance.now() - t0;
  if (answers.some((a) => a.status !== 200)) throw new Error("GET /v1/me burst: not every answer was 200");
  return (answers.length / elapsed) * 1000;
}

function signupFloor(mePerS: number, rawPerS: number): string {
  const bound = 1 / (1 / mePerS + 1 / rawPerS);
  return `bound for the sign-up target: the same burst of GET /v1/me (token check, no table) answers ${mePerS.toFixed(0)}/s; with the raw rows' time added (${(1e6 / rawPerS).toFixed(0)} µs each) no sign-up can pass ${bound.toFixed(0)}/s = ${((bound / rawPerS) * 100).toFixed(0)}% of raw, before counting places or checking eligibility`;
}
