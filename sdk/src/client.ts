import { apiError, ConnectionError, FengqiaoError, TimeoutError } from "./errors.js";
import { routes } from "./generated/routes.js";
import { PageRequest, type PageBody } from "./pagination.js";
import * as r from "./resources/index.js";
import { isRetryable, retryDelay } from "./retry.js";
import { fetchTransport, type FetchLike, type Transport, type TransportResponse } from "./transport.js";
import type { Input, Item, ListOperationId, OperationId, RequestOptions, Result } from "./types.js";

/**
 * A credential, or the function that gives the current one: called before each request, and once
 * more with `{ renew: true }` when the API answers 401, after which the request is sent again
 * (auth is checked before anything is done, so this is safe for writes). It should cache what it
 * gets; a failure to get one counts as no connection, so the offline queue keeps the write.
 */
export type Credential = string | ((o: { renew: boolean }) => string | Promise<string>);

export interface ClientOptions {
  /** Where the API is, e.g. `https://fq.example.gov.cn` (no trailing `/v1`). */
  baseUrl: string;
  /** An `fq_…` key for an app, kiosk, public account or integration. */
  apiKey?: Credential;
  /** An end-user token from `tokens.exchange` (15 minutes); sent instead of the key when both are set. */
  token?: Credential;
  /** A fetch to use instead of the global one (a test server's, a proxy-aware one). */
  fetch?: FetchLike;
  /** Replaces fetch entirely, e.g. `wxTransport(wx)` in a WeChat mini-program. */
  transport?: Transport;
  /** Makes idempotency keys; defaults to random UUIDs. */
  idGenerator?: () => string;
  /** Time and waiting, injectable so tests and simulations need not sleep. */
  clock?: { now(): number; sleep?(ms: number): Promise<void> };
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Per attempt (default 30 s). */
  timeoutMs?: number;
  /** Sent with every request. */
  headers?: Record<string, string>;
}

/** Status, headers and request id of the answer a result came from: `responseOf(await client.keys.get(id))`. */
export interface ResponseMeta {
  status: number;
  headers: TransportResponse["headers"];
  requestId: string | undefined;
  /** The version to send back as `ifMatch` on a state change. */
  etag: string | undefined;
  /** True when the server answered a retried write from its idempotency record. */
  replayed: boolean;
}
const metas = new WeakMap<object, ResponseMeta>();
export const responseOf = (result: unknown): ResponseMeta | undefined =>
  result && typeof result === "object" ? metas.get(result) : undefined;

interface SendOptions extends RequestOptions {
  query?: object;
  body?: unknown;
  responseType?: "json" | "text" | "blob";
}

/**
 * The fengqiao API client. One per credential; derive others with `withToken` / `withOptions`.
 *
 *   const fq = new Fengqiao({ baseUrl, apiKey });
 *   for await (const key of fq.keys.list()) console.log(key.name);
 */
export class Fengqiao {
  // Identity and places
  readonly keys = new r.Keys(this);
  readonly tokens = new r.Tokens(this);
  readonly users = new r.Users(this);
  readonly agencies = new r.Agencies(this);
  readonly areas = new r.Areas(this);
  readonly households = new r.Households(this);
  readonly doorplates = new r.Doorplates(this);
  readonly audit = new r.Audit(this);
  // Volunteers
  readonly volunteers = new r.Volunteers(this);
  readonly tasks = new r.Tasks(this);
  readonly signups = new r.Signups(this);
  readonly points = new r.Points(this);
  readonly leads = new r.Leads(this);
  // Service requests
  readonly services = new r.Services(this);
  readonly requests = new r.Requests(this);
  readonly disputes = new r.Disputes(this);
  readonly webhooks = new r.Webhooks(this);
  // Anti-fraud
  readonly alerts = new r.Alerts(this);
  readonly fraud = new r.Fraud(this);
  readonly interventions = new r.Interventions(this);
  // Figures, health
  readonly stats = new r.Stats(this);
  readonly health = new r.Health(this);
  private readonly transport: Transport;

  constructor(readonly options: ClientOptions) {
    this.transport = options.transport ?? fetchTransport(options.fetch);
    // Kept off enumeration so logging a client (console.log, util.inspect) does not print its key.
    Object.defineProperty(this, "options", { enumerable: false });
  }

  /** The same client acting for an end user (a token from `tokens.exchange`). */
  withToken(token: Credential): Fengqiao {
    return this.withOptions({ token });
  }

  withOptions(patch: Partial<ClientOptions>): Fengqiao {
    return new Fengqiao({ ...this.options, ...patch });
  }

  /** Who is calling: the key and, with a token, the end user (`getCaller`). */
  me(o?: RequestOptions) {
    return this.call("getCaller", {}, o);
  }

  /** Calls any operation by its operationId, typed from the contract. Namespaces are thin wrappers of this. */
  call<K extends OperationId>(operation: K, input: Input<K>, o: RequestOptions = {}): Promise<Result<K>> {
    const [method, template, kind = "json", contentType] = routes[operation] as readonly [string, string, SendOptions["responseType"]?, string?];
    const { path, query, body } = input as { path?: Record<string, string | number>; query?: object; body?: unknown };
    const url = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(path?.[name])));
    const headers = contentType && body !== undefined ? { "content-type": contentType, ...o.headers } : o.headers;
    return this.request(method, url, { ...o, headers, query, body, responseType: kind }) as Promise<Result<K>>;
  }

  /** A list operation as a `PageRequest`: await it for a page, `for await` it for every item. */
  list<K extends ListOperationId>(operation: K, input: Input<K>, o?: RequestOptions): PageRequest<Item<K>> {
    const { query, ...rest } = input as { query?: object };
    return new PageRequest((cursor) =>
      this.call(operation, { ...rest, query: cursor ? { ...query, cursor } : query } as unknown as Input<K>, o) as Promise<PageBody<Item<K>>>,
    );
  }

  /**
   * Any request by method and path, for operations newer than this SDK. Writes that are not
   * idempotent (POST, PATCH) carry one idempotency key across every attempt and the 401 renewal, so
   * a retried write is applied once (a retried edit gets its own answer back, not a 412).
   */
  async request<T = unknown>(method: string, path: string, o: SendOptions = {}): Promise<T> {
    const opts = this.options;
    const kind = o.responseType ?? "json";
    const headers: Record<string, string> = { accept: kind === "json" ? "application/json" : "*/*", ...opts.headers, ...o.headers };
    const credential = o.auth ?? opts.token ?? opts.apiKey;
    let renew = false;
    let renewed = false;
    if (method === "POST" || method === "PATCH") headers["idempotency-key"] = o.idempotencyKey ?? (opts.idGenerator ?? uuid)();
    if (o.ifMatch) headers["if-match"] = o.ifMatch;
    let body = o.body as string | undefined;
    if (body !== undefined && !isRaw(body)) {
      body = JSON.stringify(body);
      headers["content-type"] = "application/json";
    }
    const url = opts.baseUrl.replace(/\/+$/, "") + path + queryString(o.query);
    const maxRetries = o.maxRetries ?? opts.maxRetries ?? 2;
    const now = () => opts.clock?.now() ?? Date.now();

    for (let attempt = 0; ; attempt++) {
      if (o.signal?.aborted) throw abortReason(o.signal);
      let error: unknown;
      try {
        if (credential) headers.authorization = `Bearer ${typeof credential === "function" ? await current(credential, renew) : credential}`;
        renew = false;
        const res = await this.attempt({ method, url, headers, body, responseType: kind === "blob" ? "blob" : "text" }, o);
        if (res.status < 300) return read(res, kind) as T;
        error = apiError(res, parse(await text(res.body)));
        // One renewal per request, on top of the retries: a credential that expired is not a fault.
        if (res.status === 401 && typeof credential === "function" && !renewed) {
          renew = renewed = true;
          attempt--;
          continue;
        }
      } catch (err) {
        if (o.signal?.aborted) throw abortReason(o.signal);
        error = err;
      }
      const delay = attempt < maxRetries && isRetryable(error) ? retryDelay(error, attempt, now()) : undefined;
      if (delay === undefined) throw error;
      await (opts.clock?.sleep ?? ((ms: number) => sleep(ms, o.signal)))(delay);
    }
  }

  /** One exchange with a deadline. The caller's signal and the timeout both abort it. */
  private attempt(req: Parameters<Transport>[0], o: SendOptions): Promise<TransportResponse> {
    const timeoutMs = o.timeoutMs ?? this.options.timeoutMs ?? 30_000;
    // Mini-program runtimes may lack AbortController: there the timeout still ends the wait.
    const ctl = typeof AbortController === "function" ? new AbortController() : undefined;
    const onAbort = () => ctl?.abort(o.signal?.reason);
    o.signal?.addEventListener("abort", onAbort);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new TimeoutError(`No answer within ${timeoutMs} ms`));
        ctl?.abort();
      }, timeoutMs);
    });
    // Whatever a transport throws is "no answer" (fetch throws a bare TypeError), unless it is ours.
    const exchange = this.transport({ ...req, signal: ctl?.signal }).catch((cause: unknown) => {
      throw cause instanceof FengqiaoError ? cause : new ConnectionError(undefined, { cause });
    });
    return Promise.race([exchange, timeout]).finally(() => {
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", onAbort);
    });
  }
}

async function current(credential: Exclude<Credential, string>, renew: boolean): Promise<string> {
  try {
    return await credential({ renew });
  } catch (cause) {
    throw cause instanceof FengqiaoError ? cause : new ConnectionError("No credential could be obtained", { cause });
  }
}

function read(res: TransportResponse, kind: SendOptions["responseType"]): unknown {
  if (kind !== "json") return res.body;
  const data = parse(res.body);
  if (data && typeof data === "object") {
    const h = res.headers;
    metas.set(data, {
      status: res.status,
      headers: h,
      requestId: h.get("x-request-id") ?? undefined,
      etag: h.get("etag") ?? undefined,
      replayed: h.get("idempotent-replayed") === "true",
    });
  }
  return data;
}

/**
 * An error answer read as text. Byte operations (a doorplate's QR PNG) read their answer as a Blob,
 * or an ArrayBuffer under wx, but their errors are problem JSON like any other, so they are decoded.
 */
async function text(body: TransportResponse["body"]): Promise<string> {
  if (typeof body === "string") return body;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return utf8(body);
  return typeof body?.text === "function" ? body.text() : "";
}

/** UTF-8 bytes as text; mini-program runtimes may lack TextDecoder, where percent-decoding does it. */
function utf8(bytes: ArrayBuffer | ArrayBufferView): string {
  if (typeof TextDecoder === "function") return new TextDecoder().decode(bytes);
  const u = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let s = "";
  for (let i = 0; i < u.length; i++) s += (u[i]! < 16 ? "%0" : "%") + u[i]!.toString(16);
  try {
    return decodeURIComponent(s);
  } catch {
    return ""; // not UTF-8: no problem details to read
  }
}

function parse(body: string | Blob | ArrayBuffer): unknown {
  if (typeof body !== "string" || body === "") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body; // an HTML error page from a proxy: keep it for the error's `body`
  }
}

const isRaw = (b: unknown) =>
  typeof b === "string" ||
  b instanceof ArrayBuffer ||
  ArrayBuffer.isView(b) ||
  (typeof Blob === "function" && b instanceof Blob) ||
  (typeof FormData === "function" && b instanceof FormData);

function queryString(query: object | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item !== undefined && item !== null) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(item))}`);
    }
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

/** The caller's reason for aborting, as the platform gives it (older runtimes give none). */
const abortReason = (signal: AbortSignal) => signal.reason ?? new FengqiaoError("The request was aborted");

/** Ends early when the caller aborts, so the loop can throw at once instead of after the backoff. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * A v4 UUID for idempotency keys. `crypto.randomUUID` needs a secure context, which a kiosk on a
 * LAN address over http is not; `getRandomValues` works there; mini-programs may have neither, and a
 * key only has to be unique, not secret.
 */
export function uuid(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const b = new Uint8Array(16);
  if (c?.getRandomValues) c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = (Math.random() * 256) | 0;
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
