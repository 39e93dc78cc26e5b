import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isGuardFailure } from "../db/guard.ts";

/**
 * Every failure the API can answer with, by stable code. The code is public: it ends the
 * problem `type` URI (`/problems/<code>`) and the SDK maps it to an error class, so codes are
 * only ever added, never renamed.
 */
export const problems = {
  validation_failed: { status: 400, title: "The request is not valid" },
  malformed_json: { status: 400, title: "The request body is not valid JSON" },
  bad_request: { status: 400, title: "The request cannot be read" },
  unauthenticated: { status: 401, title: "Authentication is required" },
  forbidden: { status: 403, title: "This credential may not do that" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "The request conflicts with the current state" },
  invalid_transition: { status: 409, title: "That transition is not allowed from the current state" },
  idempotency_in_flight: { status: 409, title: "A request with this idempotency key is still being processed" },
  capacity_full: { status: 409, title: "There is no capacity left" },
  precondition_failed: { status: 412, title: "The resource has changed since you last read it" },
  payload_too_large: { status: 413, title: "The request body is too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  idempotency_key_reused: { status: 422, title: "This idempotency key was used with a different request" },
  unprocessable: { status: 422, title: "The request cannot be processed" },
  precondition_required: { status: 428, title: "This request must be conditional (send If-Match)" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal error" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export type ProblemCode = keyof typeof problems;

/** One entry of `errors[]` on a validation problem: where (JSON pointer) and what, never the value. */
export interface FieldError {
  pointer: string;
  detail: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Thrown by services and middleware; rendered by `renderProblem`. */
export class AppError extends Error {
  readonly code: ProblemCode;
  readonly detail?: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(
    code: ProblemCode,
    detail?: string,
    opts: { extensions?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? problems[code].title);
    this.name = "AppError";
    this.code = code;
    this.detail = detail;
    this.extensions = opts.extensions ?? {};
    this.headers = opts.headers ?? {};
  }
  get status(): ContentfulStatusCode {
    return problems[this.code].status;
  }
}

export const problemType = (code: ProblemCode) => `/problems/${code}`;

export function problemBody(
  code: ProblemCode,
  detail?: string,
  extra: Record<string, unknown> = {},
): ProblemBody {
  const p = problems[code];
  // RFC 9457's own members come last: an extension named like one (a resource's `status`) must
  // not turn the HTTP status into a string that clients and the SDK then misread.
  return { ...extra, type: problemType(code), title: p.title, status: p.status, ...(detail ? { detail } : {}) };
}

export function renderProblem(c: Context, err: AppError): Response {
  const body = problemBody(err.code, err.detail, {
    ...err.extensions,
    instance: c.req.path,
    request_id: c.get("requestId" as never),
  });
  const res = new Response(JSON.stringify(body), {
    status: err.status,
    headers: { "content-type": "application/problem+json", ...err.headers },
  });
  return res;
}

/** Map what Hono and its middleware throw onto our codes, without leaking their messages. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // A guarded batch lost a race (see db/guard.ts): someone else changed the row first.
  if (isGuardFailure(err)) return new AppError("conflict", "The resource was changed by another request; read it again and retry.");
  if (err instanceof HTTPException) {
    switch (err.status) {
      case 400:
        return /json/i.test(err.message)
          ? new AppError("malformed_json", "The body could not be parsed as JSON.")
          : new AppError("bad_request", "The request could not be read.");
      case 401:
        return new AppError("unauthenticated");
      case 404:
        return new AppError("not_found");
      case 413:
        return new AppError("payload_too_large");
      case 415:
        return new AppError("unsupported_media_type", "Send the body as one of the media types this operation documents.");
      default:
        return err.status >= 500 ? new AppError("internal") : new AppError("bad_request");
    }
  }
  return new AppError("internal");
}

type Fault = { name?: unknown; message?: unknown; stack?: unknown; code?: unknown; extendedCode?: unknown; params?: unknown; cause?: unknown };

/** An error's class: drizzle's DrizzleQueryError keeps the name "Error", so its constructor says more. */
const kindOf = (e: unknown) => {
  if (!(e instanceof Error)) return typeof e;
  const ctor = e.constructor?.name;
  return ctor && ctor !== "Error" ? ctor : e.name || "Error";
};

/** An identifier such as SQLITE_CONSTRAINT_UNIQUE or ECONNRESET, never free text. */
const codeLike = (v: unknown): v is string => typeof v === "string" && /^[A-Z][A-Z0-9_]{1,63}$/.test(v);

/**
 * What the log may say about an unhandled error, for an operator and without the data it carried.
 * Messages are left out: drizzle's holds the query's parameters (phones, names), a JSON parse error
 * repeats the text it could not read, and the stack's first line repeats the message. What is
 * kept: the error's class and its causes', the driver's codes, the frames, and SQLite's own message
 * (it names tables, columns and constraints, never bound values), with quoted fragments and long
 * digit runs blanked, and dropped outright if it still contains any parameter of the failed query.
 */
export function faultLog(err: unknown): Record<string, unknown> {
  const chain: Fault[] = [];
  for (let e: unknown = err; e && typeof e === "object" && chain.length < 8; e = (e as Fault).cause) chain.push(e as Fault);
  const codes = [...new Set(chain.flatMap((e) => [e.code, e.extendedCode]).filter(codeLike))];
  const params = chain.flatMap((e) => (Array.isArray(e.params) ? e.params : [])).map(String).filter((p) => p.length >= 2);
  const sqlite = chain.find((e) => codeLike(e.code) && e.code.startsWith("SQLITE_") && typeof e.message === "string");
  let detail: string | undefined;
  if (sqlite) {
    const said = (sqlite.message as string).replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '"…"').replace(/\d{5,}/g, "…").slice(0, 200);
    if (!params.some((p) => said.includes(p))) detail = said;
  }
  // Frames only: everything up to the end of the message (which may span lines) is cut off.
  const top = chain[0];
  let frames: string | undefined;
  if (typeof top?.stack === "string") {
    const message = typeof top.message === "string" ? top.message : "";
    const at = message ? top.stack.indexOf(message) : 0;
    if (at >= 0) {
      const lines = top.stack.slice(at + message.length).split("\n").map((l) => l.trim());
      frames = lines.filter((l) => /^at /.test(l)).join("\n") || undefined;
    }
  }
  return {
    error: kindOf(err),
    ...(chain.length > 1 ? { causes: chain.slice(1).map(kindOf) } : {}),
    ...(codes.length ? { code: codes[0], ...(codes.length > 1 ? { codes } : {}) } : {}),
    ...(detail ? { detail } : {}),
    ...(frames ? { stack: frames } : {}),
  };
}
