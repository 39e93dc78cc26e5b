import { rawCeiling, record, type BenchContext } from "../context.ts";
import { load } from "../load.ts";

/** Issue 2: the middleware stack's cost on reads, and a write path against its storage ceiling. */
export async function benchPlatform(ctx: BenchContext) {
  record(ctx, await load({ name: "GET /healthz (all middleware, no auth)", url: `${ctx.apiUrl}/healthz`, seconds: ctx.seconds }), ctx.bare);
  const me = await load({ name: "GET /v1/me (API key, touches no table)", url: `${ctx.apiUrl}/v1/me`, headers: { authorization: `Bearer ${ctx.appKey}` }, seconds: ctx.seconds });
  record(ctx, me, ctx.bare, 0.7);
  // The same figure against a bare route sending the same header bytes: what the middleware itself costs.
  record(ctx, { ...me, name: "GET /v1/me, against equal header bytes" }, ctx.bareHeaders, 0.7);
  const raw = await rawCeiling(
    ctx,
    "agency + audit + idempotency",
    `CREATE TABLE ag (id TEXT PRIMARY KEY, jurisdiction_id TEXT, name TEXT, kind TEXT, area_id TEXT, phone TEXT, created_at INTEGER);
     CREATE TABLE i (scope TEXT, key TEXT, fingerprint TEXT, response_status INTEGER, response_body TEXT, created_at INTEGER, expires_at INTEGER, PRIMARY KEY (scope, key));`,
    (n) => [
      { sql: "INSERT INTO i VALUES ('s', ?, 'f', NULL, NULL, ?, ?)", args: [`k${n}`, n, n] },
      { sql: "INSERT INTO ag VALUES (?, 'j', 'n', 'department', NULL, NULL, ?)", args: [`ag${n}`, n] },
      { sql: "UPDATE i SET response_status = 201, response_body = '{}' WHERE scope = 's' AND key = ?", args: [`k${n}`] },
    ],
  );
  record(
    ctx,
    await load({
      name: "POST /v1/agencies (Idempotency-Key)",
      url: `${ctx.apiUrl}/v1/agencies`,
      method: "POST",
      headers: { authorization: `Bearer ${ctx.adminKey}`, "content-type": "application/json" },
      setup: (i) => ({ body: JSON.stringify({ name: `bench agency ${i}`, kind: "department" }), headers: { "idempotency-key": `bench-${i}` } }),
      seconds: ctx.seconds,
    }),
    raw,
  );

}
