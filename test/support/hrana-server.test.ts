import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, LibsqlError, type Client, type Config } from "@libsql/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHranaServer, type HranaServer, type HranaServerOptions } from "./hrana-server.ts";
import { scanSql } from "./hrana/sql-scan.ts";

let dir: string;
let server: HranaServer;
const clients: Client[] = [];

async function start(opts: Partial<HranaServerOptions> = {}) {
  server = await startHranaServer({ path: join(dir, "test.db"), ...opts });
  return server;
}

function client(config: Partial<Config> = {}): Client {
  const c = createClient({ url: server.url, ...config });
  clients.push(c);
  return c;
}

/** A fetch that records every pipeline body and response, to check what travels on the wire. */
function recorder() {
  const log: { path: string; body: any; status: number; response: any }[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    const text = req.method === "POST" ? await req.clone().text() : "";
    const res = await globalThis.fetch(req);
    const resText = await res.clone().text();
    let response: unknown = resText;
    try {
      response = JSON.parse(resText);
    } catch {
      /* not JSON */
    }
    log.push({ path: new URL(req.url).pathname, body: text ? JSON.parse(text) : undefined, status: res.status, response });
    return res;
  };
  return { log, fetch: fetch as typeof globalThis.fetch };
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get("content-type"), text, json };
}

async function rejection(p: Promise<unknown>): Promise<LibsqlError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LibsqlError);
    return e as LibsqlError;
  }
  throw new Error("expected the promise to reject");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hrana-server-test-"));
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("hrana-server with @libsql/client (http)", () => {
  it("round-trips every value type as positional args", async () => {
    await start();
    const c = client({ intMode: "bigint" });
    const blob = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const big = 2n ** 53n + 1n;
    const rs = await c.execute({
      sql: "SELECT ?, ?, ?, ?, ?, ?, typeof(?1), typeof(?2), typeof(?3), typeof(?4), typeof(?5), typeof(?6)",
      args: [null, 42n, big, 1.5, "héllo 🌉 '\" x", blob],
    });
    const row = rs.rows[0]!;
    expect(row[0]).toBeNull();
    expect(row[1]).toBe(42n);
    expect(row[2]).toBe(big);
    expect(row[3]).toBe(1.5);
    expect(row[4]).toBe("héllo 🌉 '\" x");
    expect(new Uint8Array(row[5] as ArrayBuffer)).toEqual(blob);
    expect([row[6], row[7], row[8], row[9], row[10], row[11]]).toEqual(["null", "integer", "integer", "real", "text", "blob"]);

    // 64-bit extremes through a table, and JS numbers: the client sends them as floats (REAL),
    // which INTEGER affinity turns back into integers.
    await c.execute("CREATE TABLE n (i INTEGER, r REAL, x)");
    const max = 2n ** 63n - 1n;
    const min = -(2n ** 63n);
    await c.execute({ sql: "INSERT INTO n VALUES (?, ?, ?)", args: [max, 0.1, 7] });
    await c.execute({ sql: "INSERT INTO n VALUES (?, ?, ?)", args: [min, -2.5e300, 7n] });
    const back = await c.execute("SELECT i, r, x, typeof(x) AS tx FROM n ORDER BY rowid");
    expect(back.rows.map((r) => [r.i, r.r, r.x, r.tx])).toEqual([
      [max, 0.1, 7, "real"],
      [min, -2.5e300, 7n, "integer"],
    ]);
    expect(back.columns).toEqual(["i", "r", "x", "tx"]);
    expect(back.columnTypes).toEqual(["INTEGER", "REAL", "", ""]);

    // Default intMode "number": small integers come back as numbers, big ones are refused by the client.
    const plain = client();
    expect((await plain.execute("SELECT 5 AS five")).rows[0]!.five).toBe(5);
    await expect(plain.execute("SELECT i FROM n")).rejects.toThrow(RangeError);
  });

  it("binds named args with or without the prefix, like sqld", async () => {
    await start();
    const c = client({ intMode: "bigint" });
    const rs = await c.execute({
      sql: "SELECT :a AS a, @b AS b, $c AS c, :a AS again",
      args: { a: 1n, "@b": "two", c: null },
    });
    expect(rs.rows[0]).toMatchObject({ a: 1n, b: "two", c: null, again: 1n });

    // sqld refuses missing and surplus arguments instead of binding NULL / ignoring them.
    const missing = await rejection(c.execute({ sql: "SELECT :a, :b", args: { a: 1 } }));
    expect(missing.code).toBe("ARGS_INVALID");
    expect(missing.message).toContain("value for parameter :b not found");
    const surplus = await rejection(c.execute({ sql: "SELECT ?", args: [1, 2] }));
    expect(surplus.code).toBe("ARGS_INVALID");
    const tooFew = await rejection(c.execute({ sql: "SELECT ?, ?", args: [1] }));
    expect(tooFew.code).toBe("ARGS_INVALID");
  });

  it("reports rowsAffected and lastInsertRowid the way sqld does", async () => {
    await start();
    const c = client({ intMode: "bigint" });
    const created = await c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER NOT NULL, b TEXT)");
    expect(created.rowsAffected).toBe(0);
    expect(created.lastInsertRowid).toBeUndefined();

    const inserted = await c.execute("INSERT INTO t (a) VALUES (1), (2), (3)");
    expect(inserted.rowsAffected).toBe(3);
    expect(inserted.lastInsertRowid).toBe(3n);

    const updated = await c.execute("UPDATE t SET b = 'x' WHERE id <= 2");
    expect(updated.rowsAffected).toBe(2);
    expect(updated.lastInsertRowid).toBeUndefined(); // only INSERTs carry a rowid

    const selected = await c.execute("SELECT * FROM t");
    expect(selected.rowsAffected).toBe(0); // not the stale sqlite3_changes() of the UPDATE
    expect(selected.rows).toHaveLength(3);

    const bigId = 2n ** 62n + 1n;
    const big = await c.execute({ sql: "INSERT INTO t (id, a) VALUES (?, 4)", args: [bigId] });
    expect(big.lastInsertRowid).toBe(bigId);

    const returning = await c.execute("INSERT INTO t (a, b) VALUES (5, 'r') RETURNING id, b");
    expect(returning.rowsAffected).toBe(1);
    expect(returning.lastInsertRowid).toBe(bigId + 1n);
    expect(returning.rows[0]).toMatchObject({ id: bigId + 1n, b: "r" });

    const cte = await c.execute("WITH src(v) AS (SELECT 6 UNION ALL SELECT 7) INSERT INTO t (a) SELECT v FROM src");
    expect(cte.rowsAffected).toBe(2);
    expect(cte.lastInsertRowid).toBe(bigId + 3n);

    const deleted = await c.execute("DELETE FROM t WHERE a > 3");
    expect(deleted.rowsAffected).toBe(4);
  });

  it("runs client.batch(..., 'write') atomically in one HTTP request", async () => {
    await start();
    const rec = recorder();
    const c = client({ fetch: rec.fetch });
    await c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER NOT NULL)");
    rec.log.length = 0;

    const err = await rejection(
      c.batch(["INSERT INTO t (a) VALUES (1)", "INSERT INTO t (a) VALUES (NULL)", "INSERT INTO t (a) VALUES (3)"], "write"),
    );
    expect(err.code).toBe("SQLITE_CONSTRAINT");
    expect(err.message).toContain("NOT NULL constraint failed: t.a");
    expect((err as LibsqlError & { statementIndex?: number }).statementIndex).toBe(1);
    expect((await c.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);

    // The client pipelines store_sql + batch (BEGIN IMMEDIATE, steps, COMMIT, ROLLBACK) + close.
    const first = rec.log[0]!;
    expect(first.path).toBe("/v2/pipeline");
    expect(first.body.baton).toBeUndefined();
    const types = first.body.requests.map((r: { type: string }) => r.type);
    expect(types).toEqual(["store_sql", "store_sql", "store_sql", "batch", "close"]);
    expect(first.response.baton).toBeNull();

    const ok = await c.batch(
      [
        { sql: "INSERT INTO t (a) VALUES (?)", args: [10] },
        { sql: "INSERT INTO t (a) VALUES (?)", args: [11] },
        "SELECT a FROM t ORDER BY a",
      ],
      "write",
    );
    expect(ok.map((r) => r.rowsAffected)).toEqual([1, 1, 0]);
    expect(ok[2]!.rows.map((r) => r.a)).toEqual([10, 11]);
  });

  it("keeps an interactive transaction on one connection across requests via batons", async () => {
    await start();
    const rec = recorder();
    const c = client({ fetch: rec.fetch });
    const other = client();
    await c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER NOT NULL UNIQUE)");
    rec.log.length = 0;

    const tx = await c.transaction("write");
    await tx.execute({ sql: "INSERT INTO t (a) VALUES (?)", args: [1] });
    await tx.execute({ sql: "INSERT INTO t (a) VALUES (?)", args: [2] });
    // A failing statement rolls back only itself; the transaction stays usable.
    expect((await rejection(tx.execute("INSERT INTO t (a) VALUES (1)"))).code).toBe("SQLITE_CONSTRAINT");
    expect((await tx.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(2);
    // Another stream is another connection: it must not see uncommitted rows (WAL snapshot).
    expect((await other.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
    await tx.commit();
    expect((await other.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(2);

    // Each request presents the baton returned by the previous one; the last closes the stream.
    expect(rec.log.length).toBeGreaterThanOrEqual(5);
    expect(rec.log[0]!.body.baton).toBeUndefined();
    for (let i = 1; i < rec.log.length; i++) expect(rec.log[i]!.body.baton).toBe(rec.log[i - 1]!.response.baton);
    const batons = rec.log.slice(1).map((r) => r.body.baton);
    expect(new Set(batons).size).toBe(batons.length); // a fresh baton every time
    expect(rec.log.at(-1)!.body.requests.map((r: { type: string }) => r.type)).toEqual(["execute", "close"]);
    expect(rec.log.at(-1)!.response.baton).toBeNull();

    const rolledBack = await c.transaction("write");
    await rolledBack.execute("INSERT INTO t (a) VALUES (3)");
    await rolledBack.execute("DELETE FROM t WHERE a = 1");
    await rolledBack.rollback();
    expect((await c.execute("SELECT a FROM t ORDER BY a")).rows.map((r) => r.a)).toEqual([1, 2]);
  });

  it("lets a second writer wait for an open write transaction instead of failing", async () => {
    await start();
    const c = client();
    await c.execute("CREATE TABLE t (a INTEGER)");
    const tx = await c.transaction("write"); // BEGIN IMMEDIATE: holds the write lock between requests
    await tx.execute("INSERT INTO t VALUES (1)");

    let done = false;
    const writer = c.execute("INSERT INTO t VALUES (2)").then((r) => {
      done = true;
      return r;
    });
    // Readers are not blocked meanwhile (and the event loop is not frozen by a busy wait).
    expect((await c.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
    await sleep(150);
    expect(done).toBe(false);
    await tx.commit();
    expect((await writer).rowsAffected).toBe(1);
    expect((await c.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(2);
  });

  it("fails a writer after busyTimeoutMs without poisoning its connection", async () => {
    await start({ busyTimeoutMs: 100 });
    const c = client();
    await c.execute("CREATE TABLE t (a INTEGER)");
    const holder = await c.transaction("write");
    await holder.execute("INSERT INTO t VALUES (1)");

    // An autocommit stream that keeps going after SQLITE_BUSY (raw protocol, to hold the baton).
    const insert = (a: number) => ({ type: "execute", stmt: { sql: `INSERT INTO t VALUES (${a})` } });
    const busy = await post("/v2/pipeline", { requests: [insert(2)] });
    expect(busy.json.results[0].error.code).toBe("SQLITE_BUSY");

    // A stream inside an explicit transaction loses it, and says so instead of autocommitting.
    const tx = await c.transaction("deferred");
    await tx.execute("SELECT count(*) FROM t");
    expect((await rejection(tx.execute("INSERT INTO t VALUES (3)"))).code).toBe("SQLITE_BUSY");
    expect((await rejection(tx.execute("INSERT INTO t VALUES (4)"))).code).toBe("SQLITE_BUSY");
    await tx.rollback();

    await holder.commit();
    const later = await post("/v2/pipeline", { baton: busy.json.baton, requests: [insert(5), { type: "close" }] });
    expect(later.json.results[0].type).toBe("ok");
    // Row 5 must be committed (a stale busy statement would have kept it in limbo) and 3/4 never ran.
    expect((await c.execute("SELECT a FROM t ORDER BY a")).rows.map((r) => r.a)).toEqual([1, 5]);
  });

  it("expires idle streams, rolls them back and releases their locks", async () => {
    await start({ streamTimeoutMs: 150 });
    const c = client();
    await c.execute("CREATE TABLE t (a INTEGER)");
    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO t VALUES (1)");
    await sleep(400);
    const err = await rejection(tx.execute("INSERT INTO t VALUES (2)"));
    expect(err.code).toBe("STREAM_EXPIRED");
    tx.close();
    const started = Date.now();
    await c.execute("INSERT INTO t VALUES (3)");
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await c.execute("SELECT a FROM t")).rows.map((r) => r.a)).toEqual([3]);
  });

  it("runs client.executeMultiple as a sequence", async () => {
    await start();
    const c = client();
    await c.executeMultiple(`
      -- schema; with comments and a trigger whose body contains semicolons
      CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, kind TEXT);
      CREATE TABLE log (msg TEXT);
      CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN
        INSERT INTO log VALUES (CASE WHEN new.a > 1 THEN 'big' ELSE 'small' END);
        UPDATE t SET kind = 'seen;' WHERE id = new.id;
      END;
      INSERT INTO t (a) VALUES (1);
      INSERT INTO t (a) VALUES (2);
    `);
    expect((await c.execute("SELECT msg FROM log ORDER BY rowid")).rows.map((r) => r.msg)).toEqual(["small", "big"]);
    expect((await c.execute("SELECT DISTINCT kind FROM t")).rows.map((r) => r.kind)).toEqual(["seen;"]);

    // Like sqld, statements before a failing one stay applied and the call rejects.
    const err = await rejection(
      c.executeMultiple("INSERT INTO t (a) VALUES (3); INSERT INTO nope VALUES (1); INSERT INTO t (a) VALUES (4);"),
    );
    expect(err.code).toBe("SQL_INPUT_ERROR");
    expect((await c.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(3);

    // A CREATE TRIGGER is one statement for execute(), despite the semicolons in its body.
    await c.execute("CREATE TRIGGER t_del AFTER DELETE ON t BEGIN INSERT INTO log VALUES ('del'); END");
    expect((await c.execute("DELETE FROM t WHERE a = 3")).rowsAffected).toBe(1);
  });

  it("surfaces SQL errors as LibsqlError with sqld's codes and keeps serving", async () => {
    await start();
    const c = client();
    await c.execute("CREATE TABLE u (email TEXT UNIQUE)");
    await c.execute("INSERT INTO u VALUES ('a@example.org')");

    const unique = await rejection(c.execute("INSERT INTO u VALUES ('a@example.org')"));
    expect(unique.code).toBe("SQLITE_CONSTRAINT");
    expect(unique.message).toBe("SQLITE_CONSTRAINT: SQLite error: UNIQUE constraint failed: u.email");

    const noTable = await rejection(c.execute("SELECT * FROM nope"));
    expect(noTable.code).toBe("SQL_INPUT_ERROR");
    expect(noTable.message).toBe("SQL_INPUT_ERROR: SQL input error: no such table: nope (at offset 14)");

    expect((await rejection(c.execute("SELEC 1"))).code).toBe("SQL_PARSE_ERROR");
    expect((await rejection(c.execute("SELECT 1; SELECT 2"))).code).toBe("SQL_MANY_STATEMENTS");
    expect((await rejection(c.execute("  -- nothing here\n ;"))).code).toBe("SQL_NO_STATEMENT");
    expect((await rejection(c.execute("SELECT abs(1, 2, 3)"))).code).toBe("SQLITE_ERROR");

    expect((await c.execute("SELECT 1 AS one")).rows[0]!.one).toBe(1);
  });

  it("requires the bearer token when authToken is set", async () => {
    await start({ authToken: "s3cret" });
    const anonymous = await rejection(client().execute("SELECT 1"));
    expect(anonymous.code).toBe("SERVER_ERROR");
    expect(anonymous.message).toContain("401");
    expect((await rejection(client({ authToken: "wrong" }).execute("SELECT 1"))).code).toBe("SERVER_ERROR");
    expect((await client({ authToken: "s3cret" }).execute("SELECT 1 AS one")).rows[0]!.one).toBe(1);

    expect((await post("/v2/pipeline", { requests: [] })).status).toBe(401);
    expect((await post("/v2/pipeline", { requests: [] }, { authorization: "Bearer s3cret" })).status).toBe(200);
    // Version probes and health checks stay open: the client probes without credentials.
    expect((await fetch(`${server.url}/v2`)).status).toBe(200);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it("refuses SQL the client would store but sqld cannot (5000 bytes, not characters)", async () => {
    await start();
    const c = client();
    const sql = `SELECT '${"桥".repeat(1700)}' AS s`; // < 5000 UTF-16 units, > 5000 UTF-8 bytes
    expect((await c.execute(sql)).rows[0]!.s).toHaveLength(1700); // execute does not store SQL
    await expect(c.batch([sql], "read")).rejects.toThrow(LibsqlError);
  });
});

describe("hrana-server protocol edges (raw HTTP)", () => {
  it("answers version probes, health and unknown paths", async () => {
    await start();
    for (const path of ["/health", "/v2", "/v3", "/"]) expect((await fetch(server.url + path)).status).toBe(200);
    // Must stay 404: a 200 would make a protocol-v3 client switch to protobuf.
    expect((await fetch(`${server.url}/v3-protobuf`)).status).toBe(404);
    expect((await fetch(`${server.url}/v2/cursor`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("rejects malformed requests with 400 and survives", async () => {
    await start();
    const bad = await post("/v2/pipeline", "{not json");
    expect(bad.status).toBe(400);
    expect(bad.type).toBe("text/plain");
    expect((await post("/v2/pipeline", { requests: "nope" })).status).toBe(400);
    expect((await post("/v2/pipeline", { baton: "forged", requests: [] })).status).toBe(400);
    expect((await post("/v2/pipeline", { requests: [{ type: "frobnicate" }] })).status).toBe(400);
    const badValue = { type: "execute", stmt: { sql: "SELECT ?", args: [{ type: "integer", value: 1 }] } };
    expect((await post("/v2/pipeline", { requests: [badValue] })).status).toBe(400);
    const huge = { type: "execute", stmt: { sql: "SELECT ?", args: [{ type: "integer", value: "9223372036854775808" }] } };
    expect((await post("/v2/pipeline", { requests: [huge] })).status).toBe(400);
    expect((await post("/v2/pipeline", { requests: [{ type: "execute", stmt: { sql_id: 7 } }] })).status).toBe(400);
    expect((await post("/v2/pipeline", { requests: [{ type: "get_autocommit" }] })).status).toBe(400); // v3 only

    const ok = await post("/v2/pipeline", { requests: [{ type: "execute", stmt: { sql: "SELECT 1" } }, { type: "close" }] });
    expect(ok.status).toBe(200);
    expect(ok.type).toBe("application/json");
    expect(ok.json.results[0].response.result.rows).toEqual([[{ type: "integer", value: "1" }]]);
  });

  it("evaluates batch conditions, get_autocommit, describe and stored SQL on /v3", async () => {
    await start();
    const stmt = (sql: string) => ({ sql, want_rows: true });
    const first = await post("/v3/pipeline", {
      requests: [
        { type: "store_sql", sql_id: 1, sql: "SELECT 'stored' AS s" },
        { type: "get_autocommit" },
        {
          type: "batch",
          batch: {
            steps: [
              { stmt: stmt("BEGIN") },
              { stmt: stmt("SELECT nope FROM nowhere") },
              { condition: { type: "error", step: 1 }, stmt: stmt("SELECT 'after error'") },
              { condition: { type: "ok", step: 1 }, stmt: stmt("SELECT 'skipped'") },
              {
                condition: { type: "and", conds: [{ type: "ok", step: 0 }, { type: "not", cond: { type: "is_autocommit" } }] },
                stmt: { sql_id: 1 },
              },
              {
                condition: { type: "or", conds: [{ type: "ok", step: 3 }, { type: "error", step: 3 }] },
                stmt: stmt("SELECT 'skipped counts as error (sqld)'"),
              },
            ],
          },
        },
        { type: "get_autocommit" },
        { type: "describe", sql: "SELECT :x AS x, 1 AS one" },
        { type: "execute", stmt: { sql: "SELECT 1", want_rows: false } },
      ],
    });
    expect(first.status).toBe(200);
    const [, auto1, batch, auto2, describe, noRows] = first.json.results;
    expect(auto1.response.is_autocommit).toBe(true);
    const { step_results: res, step_errors: errs } = batch.response.result;
    expect(res.map((r: unknown) => r !== null)).toEqual([true, false, true, false, true, true]);
    expect(errs[1].code).toBe("SQL_INPUT_ERROR");
    expect(errs.filter((e: unknown) => e !== null)).toHaveLength(1);
    expect(res[4].rows).toEqual([[{ type: "text", value: "stored" }]]);
    expect(auto2.response.is_autocommit).toBe(false);
    expect(describe.response.result).toMatchObject({
      params: [{ name: ":x" }],
      cols: [{ name: "x" }, { name: "one" }],
      is_explain: false,
      is_readonly: true,
    });
    expect(noRows.response.result.rows).toEqual([]);
    expect(typeof first.json.baton).toBe("string");

    // The stream (with its open transaction) lives on behind the baton, which is single-use.
    const second = await post("/v3/pipeline", {
      baton: first.json.baton,
      requests: [{ type: "get_autocommit" }, { type: "execute", stmt: { sql_id: 1 } }, { type: "close" }],
    });
    expect(second.json.results[0].response.is_autocommit).toBe(false);
    expect(second.json.baton).toBeNull();
    expect((await post("/v3/pipeline", { baton: first.json.baton, requests: [] })).status).toBe(400);
  });

  it("scans statements and parameters like SQLite", () => {
    expect(scanSql("SELECT ?, ?5, :a, ?, :a, @b")).toMatchObject({
      count: 1,
      params: [null, null, null, null, "?5", ":a", null, "@b"],
    });
    expect(scanSql("select ';', \"a;b\", [c;d], `e;f` -- ;\n /* ; */ ;").count).toBe(1);
    expect(scanSql("SELECT 1; ; SELECT 2").count).toBe(2);
    expect(scanSql("SELECT 'it''s ?' , :p").params).toEqual([":p"]);
    expect(scanSql("REPLACE INTO t VALUES (1)").kind).toBe("insert");
    expect(scanSql("WITH x AS (SELECT 1) UPDATE t SET a = 1").kind).toBe("iud");
    expect(scanSql("WITH x AS (SELECT 1) SELECT replace('a', 'b', 'c')").kind).toBe("other");
    const trigger = "CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN SELECT CASE WHEN 1 THEN 2 END; SELECT 3; END; SELECT 4";
    expect(scanSql(trigger).count).toBe(2);
  });
});
