// Hrana values and errors as sqld encodes them, and retrying a statement while another connection holds the write lock.
export type Value =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };
export type Bindable = null | bigint | number | string | Buffer;
export type HranaError = { message: string; code: string };
export type Json = Record<string, unknown>;

/** Breaks the whole HTTP request (400), like sqld's ProtocolError: the client sent something invalid. */
export class ProtocolError extends Error {}
/** A per-request failure that becomes `{type: "error"}` in the pipeline results. */
export class StmtError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}


export function decodeValue(v: unknown): Bindable {
  const o = v as Json | null;
  switch (o && typeof o === "object" ? o.type : undefined) {
    case "null":
      return null;
    case "integer": {
      if (typeof o!.value !== "string" || !/^-?\d+$/.test(o!.value)) {
        throw new ProtocolError("Integer value must be a decimal string");
      }
      const n = BigInt(o!.value);
      if (n < -(2n ** 63n) || n >= 2n ** 63n) throw new ProtocolError("Integer value is out of 64-bit range");
      return n;
    }
    case "float":
      if (typeof o!.value !== "number") throw new ProtocolError("Float value must be a number");
      return o!.value;
    case "text":
      if (typeof o!.value !== "string") throw new ProtocolError("Text value must be a string");
      return o!.value;
    case "blob":
      if (typeof o!.base64 !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(o!.base64)) {
        throw new ProtocolError("Blob value must be base64");
      }
      return Buffer.from(o!.base64, "base64");
    default:
      throw new ProtocolError(`Invalid value: ${JSON.stringify(v)}`);
  }
}

export function encodeValue(v: unknown): Value {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  // With safe integers on, SQLite integers arrive as bigint, so every JS number here is a REAL.
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  throw new Error(`Unexpected value from libsql: ${typeof v}`);
}

const PRIMARY_CODES = [
  "OK", "ERROR", "INTERNAL", "PERM", "ABORT", "BUSY", "LOCKED", "NOMEM", "READONLY", "INTERRUPT", "IOERR",
  "CORRUPT", "NOTFOUND", "FULL", "CANTOPEN", "PROTOCOL", "EMPTY", "SCHEMA", "TOOBIG", "CONSTRAINT",
  "MISMATCH", "MISUSE", "NOLFS", "AUTH", "FORMAT", "RANGE", "NOTADB",
];

export function toHranaError(e: unknown): HranaError {
  const [code, message] = hranaError(e, "");
  return { message, code };
}

/** Map a libsql exception to the [code, message] sqld would report for the same statement. */
export function hranaError(e: unknown, sql: string): [string, string] {
  if (e instanceof StmtError) return [e.code, e.message];
  const err = e as { message?: string; rawCode?: number };
  const msg = String(err?.message ?? e);
  if (typeof err?.rawCode !== "number") return ["INTERNAL_ERROR", msg];
  const code = `SQLITE_${PRIMARY_CODES[err.rawCode & 0xff] ?? "UNKNOWN"}`;
  if (code === "SQLITE_ERROR") {
    // sqld parses SQL itself first (SQL_PARSE_ERROR) and reports prepare errors that SQLite gives
    // an offset for as SQL_INPUT_ERROR. libsql hides the offset, so locate the name ourselves.
    if (/syntax error|incomplete input|unrecognized token/.test(msg)) {
      return ["SQL_PARSE_ERROR", `SQL string could not be parsed: ${msg}`];
    }
    const missing = /^no such (?:column|table|function): (?:\w+\.)?(.+)$/.exec(msg);
    const offset = missing ? sql.toLowerCase().indexOf(missing[1]!.toLowerCase()) : -1;
    if (offset >= 0) return ["SQL_INPUT_ERROR", `SQL input error: ${msg} (at offset ${offset})`];
  }
  return [code, `SQLite error: ${msg}`];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// 5 = SQLITE_BUSY, 261 = BUSY_RECOVERY. BUSY_SNAPSHOT (517) is final: the reader must restart.
export const isBusy = (e: unknown) => [5, 261].includes((e as { rawCode?: number })?.rawCode ?? 0);

/**
 * libsql calls are synchronous, so SQLite's own busy_timeout would freeze the event loop — and with
 * it the very request that would release the lock (e.g. the COMMIT of another stream's interactive
 * transaction). Instead connections use busy_timeout=0 and we retry asynchronously. Retrying is safe:
 * a statement that fails with SQLITE_BUSY has made no changes. `fn` must retry the *same* libsql
 * statement object (see recoverFromBusy).
 */
export async function withBusyRetry<T>(timeoutMs: number, fn: () => T): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      return fn();
    } catch (e) {
      if (!isBusy(e) || Date.now() >= deadline) throw e;
      await sleep(delay);
    }
  }
}
