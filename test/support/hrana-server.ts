/**
 * A small Hrana-over-HTTP server (JSON encoding, protocol v2/v3 pipelines) on top of the embedded
 * `libsql` engine, for dev and tests. Production talks to Turso/sqld, so behaviour mirrors what sqld
 * does for the requests `@libsql/client` (http transport, hrana-client) actually sends:
 *
 * - error codes are sqld's: primary SQLite codes ("SQLITE_CONSTRAINT", message "SQLite error: ..."),
 *   "SQL_PARSE_ERROR", "SQL_INPUT_ERROR", "ARGS_INVALID", "SQL_MANY_STATEMENTS", ...;
 * - `affected_row_count` is only reported for INSERT/UPDATE/DELETE and `last_insert_rowid` only for
 *   INSERT (sqld decides that from the statement kind, not from sqlite3_changes());
 * - parameters are bound like sqld: too many or missing arguments are errors, not silent NULLs;
 * - stored SQL is limited to 50 texts / 5000 *bytes* per stream.
 *
 * Not supported: the protobuf encoding and `/v3-protobuf` (must stay 404, otherwise a client created
 * with protocol v3 would switch to protobuf), cursors (`/v3/cursor`), `:memory:` databases.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync } from "node:fs";
import http from "node:http";
import { dirname } from "node:path";
import Database from "libsql";
import { scanSql } from "./hrana/sql-scan.ts";
import {
  decodeValue,
  encodeValue,
  hranaError,
  isBusy,
  ProtocolError,
  sleep,
  StmtError,
  toHranaError,
  withBusyRetry,
  type Bindable,
  type HranaError,
  type Json,
} from "./hrana/values.ts";

type Db = InstanceType<typeof Database>;

export interface HranaServerOptions {
  path: string;
  port?: number;
  host?: string;
  authToken?: string;
  /** Idle streams (connections held by a baton) are rolled back and closed after this. sqld: 10 s. */
  streamTimeoutMs?: number;
  /** How long a statement waits for another connection's write lock before failing. */
  busyTimeoutMs?: number;
}

export interface HranaServer {
  url: string;
  port: number;
  close(): Promise<void>;
}


const MAX_BODY_BYTES = 32 * 1024 * 1024;
const EMPTY_RESULT = {
  cols: [], rows: [], affected_row_count: 0, last_insert_rowid: null, rows_read: 0, rows_written: 0, query_duration_ms: 0,
};
const MAX_STORED_SQL = 50;
const MAX_STORED_SQL_BYTES = 5000;


// ---------------------------------------------------------------------------------------------
// Streams: one libsql connection each, addressed by a fresh random baton after every request.

interface Stream {
  db: Db | null;
  sqls: Map<number, string>;
  timer?: NodeJS.Timeout;
  /** Set when we had to roll back the stream's explicit transaction; see recoverFromBusy. */
  lostTransaction?: boolean;
}

export async function startHranaServer(opts: HranaServerOptions): Promise<HranaServer> {
  const host = opts.host ?? "127.0.0.1";
  if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host)) throw new Error(`Refusing to bind to non-loopback host ${host}`);
  if (opts.path === ":memory:" || opts.path === "") {
    throw new Error("A file path is required: every stream opens its own connection");
  }
  const streamTimeoutMs = opts.streamTimeoutMs ?? 10_000;
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  mkdirSync(dirname(opts.path), { recursive: true });

  const open = (): Db => {
    const db = new Database(opts.path);
    db.defaultSafeIntegers(true); // integers beyond 2^53 must round-trip exactly
    db.exec("PRAGMA busy_timeout = 0"); // see withBusyRetry
    return db;
  };
  // The anchor connection sets WAL (persistent in the file) and stays open, so the WAL is not
  // checkpointed and deleted every time the last per-stream connection closes.
  const anchor = open();
  anchor.exec("PRAGMA journal_mode = WAL");

  const live = new Set<Stream>();
  const batons = new Map<string, Stream>();
  const expired = new Map<string, number>(); // baton -> expiry time, to say "expired" not "invalid"
  let closed = false;

  const closeStream = (s: Stream) => {
    clearTimeout(s.timer);
    live.delete(s);
    if (!s.db) return;
    try {
      if (s.db.inTransaction) s.db.exec("ROLLBACK");
    } catch {
      /* closing rolls back anyway */
    }
    try {
      s.db.close();
    } catch {
      /* already closed */
    }
    s.db = null;
  };

  const acquire = (baton: unknown): Stream => {
    if (baton === null || baton === undefined) {
      const s: Stream = { db: open(), sqls: new Map() };
      live.add(s);
      return s;
    }
    if (typeof baton !== "string") throw new ProtocolError("Baton must be a string");
    const s = batons.get(baton);
    if (s) {
      batons.delete(baton); // one use per baton, like sqld's sequence numbers
      clearTimeout(s.timer);
      return s;
    }
    if (expired.has(baton)) throw new StmtError("STREAM_EXPIRED", "The stream has expired due to inactivity");
    throw new ProtocolError("Invalid baton");
  };

  const release = (s: Stream): string | null => {
    if (!s.db || closed) {
      closeStream(s);
      return null;
    }
    const baton = randomBytes(24).toString("base64url");
    batons.set(baton, s);
    s.timer = setTimeout(() => {
      batons.delete(baton);
      closeStream(s);
      const now = Date.now();
      expired.set(baton, now);
      for (const [b, t] of expired) if (now - t > 300_000) expired.delete(b);
    }, streamTimeoutMs);
    s.timer.unref();
    return baton;
  };

  const dbOf = (s: Stream): Db => {
    if (!s.db) throw new ProtocolError("The stream was closed by an earlier request");
    return s.db;
  };

  const sqlOf = (s: Stream, o: Json): string => {
    const hasSql = o.sql !== undefined && o.sql !== null;
    const hasId = o.sql_id !== undefined && o.sql_id !== null;
    if (hasSql === hasId) throw new ProtocolError("Exactly one of `sql` and `sql_id` must be given");
    if (hasSql) {
      if (typeof o.sql !== "string") throw new ProtocolError("`sql` must be a string");
      return o.sql;
    }
    const sql = s.sqls.get(o.sql_id as number);
    if (sql === undefined) throw new ProtocolError(`SQL text ${String(o.sql_id)} not found`);
    return sql;
  };

  /** Validate a stmt and resolve its arguments to SQLite's parameter slots, the way sqld binds them. */
  const prepareStmt = (s: Stream, stmt: unknown) => {
    if (!stmt || typeof stmt !== "object") throw new ProtocolError("`stmt` must be an object");
    const o = stmt as Json;
    const sql = sqlOf(s, o);
    const argList: unknown = o.args ?? [];
    const namedList: unknown = o.named_args ?? [];
    if (!Array.isArray(argList) || !Array.isArray(namedList)) throw new ProtocolError("`args`/`named_args` must be arrays");
    const args = argList.map(decodeValue);
    const named = new Map(namedList.map((a: Json | null) => [String(a?.name), decodeValue(a?.value)] as const));
    const info = scanSql(sql);
    const check = (): Bindable[] => {
      if (info.count === 0) throw new StmtError("SQL_NO_STATEMENT", "SQL string does not contain any statement");
      if (info.count > 1) throw new StmtError("SQL_MANY_STATEMENTS", "SQL string contains more than one statement");
      if (args.length > 0 && named.size > 0) {
        throw new StmtError("ARGS_BOTH_POSITIONAL_AND_NAMED", "Specifying both positional and named arguments is not supported");
      }
      const given = Math.max(args.length, named.size);
      const invalid = (why: string) => new StmtError("ARGS_INVALID", `Arguments do not match SQL parameters: ${why}`);
      if (given > info.params.length) throw invalid(`too many parameters, expected ${info.params.length} found ${given}`);
      return info.params.map((name, i) => {
        let v: Bindable | undefined;
        if (name === null) v = args[i];
        else if (name.startsWith("?")) v = args[Number(name.slice(1)) - 1];
        else v = named.has(name) ? named.get(name) : named.get(name.slice(1));
        if (v === undefined && info.first !== "EXPLAIN") throw invalid(`value for parameter ${name ?? i + 1} not found`);
        return v ?? null;
      });
    };
    return { sql, info, check, wantRows: o.want_rows !== false };
  };

  /**
   * A libsql statement that failed with SQLITE_BUSY is left active (libsql has no reset/finalize) and
   * keeps its connection's later autocommit writes from ever committing, until it is garbage
   * collected. Once retries are exhausted the connection is therefore replaced. If it was inside an
   * explicit transaction, that transaction is gone: refuse further statements (except ROLLBACK)
   * rather than silently running them in autocommit mode.
   */
  const recoverFromBusy = (s: Stream) => {
    if (!s.db) return;
    s.lostTransaction = s.db.inTransaction;
    s.db.close(); // rolls back and releases locks even with the stale statement around
    s.db = open();
  };

  const usable = (s: Stream): Db => {
    const db = dbOf(s);
    if (s.lostTransaction) {
      const why = "the transaction was rolled back, only ROLLBACK is accepted";
      throw new StmtError("SQLITE_BUSY", `SQLite error: database is locked (${why})`);
    }
    return db;
  };

  const runStmt = async (s: Stream, p: ReturnType<typeof prepareStmt>) => {
    const bound = p.check();
    if (s.lostTransaction && /^ROLLBACK$/.test(p.info.first)) {
      s.lostTransaction = false; // already rolled back: acknowledge it
      return { ...EMPTY_RESULT };
    }
    const db = usable(s);
    const started = performance.now();
    try {
      const st = await withBusyRetry(busyTimeoutMs, () => db.prepare(p.sql));
      // raw() throws for statements that return no data, so branch on `reader`.
      const cols = st.reader ? st.columns().map((c) => ({ name: c.name, decltype: c.type })) : [];
      const rows = await withBusyRetry(busyTimeoutMs, (): unknown[][] => {
        if (st.reader) return st.raw().all(bound) as unknown[][];
        st.run(bound);
        return [];
      });
      let affected = 0;
      let rowid: string | null = null;
      if (p.info.kind !== "other") {
        // run() reports lastInsertRowid as a lossy JS number; ask SQLite for the exact values.
        const [changes, last] = db.prepare("SELECT changes(), last_insert_rowid()").raw().all()[0] as [bigint, bigint];
        affected = Number(changes);
        if (p.info.kind === "insert") rowid = last.toString();
      }
      return {
        cols,
        rows: p.wantRows ? rows.map((r) => r.map(encodeValue)) : [],
        affected_row_count: affected,
        last_insert_rowid: rowid,
        // Without sqlite3_stmt_status these are approximations; @libsql/client does not read them.
        rows_read: rows.length,
        rows_written: affected,
        query_duration_ms: performance.now() - started,
      };
    } catch (e) {
      if (isBusy(e)) recoverFromBusy(s);
      throw new StmtError(...hranaError(e, p.sql));
    }
  };

  const runBatch = async (s: Stream, batch: unknown, version: number) => {
    const steps = (batch as Json | null)?.steps;
    if (!Array.isArray(steps)) throw new ProtocolError("`batch.steps` must be an array");
    const checkCond = (c: unknown, step: number): void => {
      const o = c as Json | null;
      const t = o?.type;
      if (t === "ok" || t === "error") {
        if (typeof o!.step !== "number" || o!.step < 0 || o!.step >= step) {
          throw new ProtocolError("Batch condition must refer to an earlier step");
        }
      } else if (t === "not") checkCond(o!.cond, step);
      else if (t === "and" || t === "or") {
        if (!Array.isArray(o!.conds)) throw new ProtocolError("`conds` must be an array");
        o!.conds.forEach((x) => checkCond(x, step));
      } else if (t === "is_autocommit") {
        if (version < 3) throw new ProtocolError("BatchCond `is_autocommit` requires Hrana 3");
      } else throw new ProtocolError(`Unknown batch condition ${JSON.stringify(t)}`);
    };
    const prepared = steps.map((step: Json, i) => {
      if (step?.condition != null) checkCond(step.condition, i);
      return prepareStmt(s, step?.stmt);
    });
    // sqld semantics: a step is "ok" if it ran and succeeded; `error` is simply `not ok`, so it
    // is also true for skipped steps (the Hrana spec says false, but production behaves like this).
    const ok: boolean[] = [];
    const evalCond = (c: Json): boolean => {
      switch (c.type) {
        case "ok": return ok[c.step as number]!;
        case "error": return !ok[c.step as number];
        case "not": return !evalCond(c.cond as Json);
        case "and": return (c.conds as Json[]).every(evalCond);
        case "or": return (c.conds as Json[]).some(evalCond);
        default: return !usable(s).inTransaction; // is_autocommit
      }
    };
    const results: unknown[] = [];
    const errors: (HranaError | null)[] = [];
    for (const [i, p] of prepared.entries()) {
      const cond = (steps[i] as Json).condition as Json | undefined | null;
      if (cond != null && !evalCond(cond)) {
        ok.push(false);
        results.push(null);
        errors.push(null);
        continue;
      }
      try {
        results.push(await runStmt(s, p));
        errors.push(null);
        ok.push(true);
      } catch (e) {
        if (e instanceof ProtocolError) throw e;
        results.push(null);
        errors.push(toHranaError(e));
        ok.push(false);
      }
    }
    return { step_results: results, step_errors: errors };
  };

  const handleRequest = async (s: Stream, req: Json, version: number): Promise<Json> => {
    switch (req.type) {
      case "execute":
        return { type: "execute", result: await runStmt(s, prepareStmt(s, req.stmt)) };
      case "batch":
        return { type: "batch", result: await runBatch(s, req.batch, version) };
      case "sequence": {
        const db = usable(s);
        const sql = sqlOf(s, req);
        // db.exec runs statement after statement, so a BUSY halfway cannot be retried. Instead give
        // other streams' open transactions (in this process) a chance to finish first.
        const deadline = Date.now() + busyTimeoutMs;
        while (Date.now() < deadline && [...live].some((o) => o !== s && o.db?.inTransaction)) await sleep(10);
        try {
          db.exec(sql);
        } catch (e) {
          if (isBusy(e)) recoverFromBusy(s);
          throw new StmtError(...hranaError(e, sql));
        }
        return { type: "sequence" };
      }
      case "describe": {
        const sql = sqlOf(s, req);
        const info = scanSql(sql);
        const db = usable(s);
        let st: ReturnType<Db["prepare"]>;
        try {
          st = db.prepare(sql);
        } catch (e) {
          throw new StmtError(...hranaError(e, sql));
        }
        return {
          type: "describe",
          result: {
            params: info.params.map((name) => ({ name })),
            cols: st.reader ? st.columns().map((c) => ({ name: c.name, decltype: c.type })) : [],
            is_explain: info.first === "EXPLAIN",
            // Heuristic: libsql does not expose sqlite3_stmt_readonly().
            is_readonly: info.kind === "other" && /^(SELECT|VALUES|WITH|EXPLAIN)$/.test(info.first),
          },
        };
      }
      case "store_sql": {
        if (typeof req.sql_id !== "number" || typeof req.sql !== "string") {
          throw new ProtocolError("store_sql needs `sql_id` and `sql`");
        }
        if (s.sqls.has(req.sql_id)) throw new ProtocolError(`SQL text ${req.sql_id} already exists`);
        if (s.sqls.size >= MAX_STORED_SQL) {
          throw new StmtError("SQL_STORE_TOO_MANY", `The server already stores ${s.sqls.size} SQL texts, it cannot store more`);
        }
        // sqld counts UTF-8 bytes; the client's cache only checks `sql.length < 5000` (UTF-16 units).
        const bytes = Buffer.byteLength(req.sql);
        if (bytes > MAX_STORED_SQL_BYTES) {
          throw new StmtError("SQL_STORE_TOO_LARGE", `The statement is too large to be stored: ${bytes} B/5.0 KB`);
        }
        s.sqls.set(req.sql_id, req.sql);
        return { type: "store_sql" };
      }
      case "close_sql":
        s.sqls.delete(req.sql_id as number);
        return { type: "close_sql" };
      case "get_autocommit":
        if (version < 3) throw new ProtocolError("The `get_autocommit` request requires Hrana 3");
        return { type: "get_autocommit", is_autocommit: !usable(s).inTransaction };
      case "close":
        closeStream(s);
        return { type: "close" };
      default:
        throw new ProtocolError(`Unknown request type ${JSON.stringify(req.type)}`);
    }
  };

  const pipeline = async (body: unknown, version: number) => {
    if (!body || typeof body !== "object" || !Array.isArray((body as Json).requests)) {
      throw new ProtocolError("Body must be an object with a `requests` array");
    }
    const { baton, requests } = body as { baton?: unknown; requests: unknown[] };
    const s = acquire(baton);
    const results: Json[] = [];
    try {
      for (const req of requests) {
        if (!req || typeof req !== "object") throw new ProtocolError("Each request must be an object");
        try {
          results.push({ type: "ok", response: await handleRequest(s, req as Json, version) });
        } catch (e) {
          if (e instanceof ProtocolError) throw e;
          results.push({ type: "error", error: toHranaError(e) });
        }
      }
    } catch (e) {
      closeStream(s); // like sqld: a broken request drops the stream (and rolls it back)
      throw e;
    }
    return { baton: release(s), base_url: null, results };
  };

  const checkAuth = (header: string | undefined): boolean => {
    if (opts.authToken === undefined) return true;
    const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
    const got = Buffer.from(m?.[1]?.trim() ?? "");
    const want = Buffer.from(opts.authToken);
    return got.length === want.length && timingSafeEqual(got, want);
  };

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    // @libsql/client only reads error details when Content-Type is exactly "application/json"
    // (JSON) or "text/plain" (appended to "Server returned HTTP status N").
    const text = typeof body === "string";
    res.writeHead(status, { "content-type": text ? "text/plain" : "application/json" });
    res.end(text ? body : JSON.stringify(body));
  };

  const readBody = async (req: http.IncomingMessage): Promise<string | null> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return null;
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x").pathname.replace(/\/+$/, "") || "/";
    if (req.method === "GET") {
      if (path === "/health") return send(res, 200, "ok");
      // The client probes versions without credentials, so these stay open. No /v3-protobuf!
      if (path === "/" || path === "/v2" || path === "/v3") {
        return send(res, 200, `Hello, this is HTTP API ${path === "/v3" ? "v3" : "v2"} (Hrana over HTTP)`);
      }
    }
    const m = /^\/v([23])\/pipeline$/.exec(path);
    if (req.method !== "POST" || !m) return send(res, 404, "Not found");
    // Same shape as sqld's auth failures: the client turns it into "SERVER_ERROR: ... status 401".
    if (!checkAuth(req.headers.authorization)) return send(res, 401, { error: "Unauthorized: missing or invalid bearer token" });
    const raw = await readBody(req);
    if (raw === null) return send(res, 413, "Request body too large");
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (e) {
      return send(res, 400, `Could not deserialize JSON request body: ${(e as Error).message}`);
    }
    try {
      send(res, 200, await pipeline(body, Number(m[1])));
    } catch (e) {
      if (e instanceof ProtocolError) return send(res, 400, e.message);
      if (e instanceof StmtError) return send(res, 500, { message: e.message, code: e.code }); // STREAM_EXPIRED
      throw e;
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, `Internal error: ${(e as Error)?.message ?? String(e)}`);
      else res.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (e) {
    anchor.close();
    throw e;
  }
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    async close() {
      if (closed) return;
      closed = true;
      const done = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await done;
      for (const s of [...live]) closeStream(s);
      batons.clear();
      anchor.close();
    },
  };
}
