/** One entry of a validation problem's `errors[]`: a JSON pointer into the request and what is expected there. */
export interface FieldError {
  pointer: string;
  detail: string;
}

/** Every error this SDK throws is one of these, so `catch (e) { if (e instanceof FengqiaoError) … }` is enough. */
export class FengqiaoError extends Error {
  override name = "FengqiaoError";
}

export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
}

/**
 * The API answered with an error (an RFC 9457 problem). `code` is the stable part of `type`
 * (`/problems/<code>`): branch on it, not on `title` or `detail`, which are for people.
 */
export class ApiError extends FengqiaoError {
  override name = "ApiError";
  readonly status: number;
  readonly type: string | undefined;
  readonly code: string | undefined;
  readonly title: string;
  readonly detail: string | undefined;
  /** Quote it when asking for support; the server logs it. */
  readonly requestId: string | undefined;
  readonly errors: FieldError[];
  /** The parsed body: the whole problem, extensions included (e.g. the allowed transitions). */
  readonly body: unknown;
  readonly headers: ResponseLike["headers"];

  constructor(res: ResponseLike, body: unknown) {
    const p = (body && typeof body === "object" ? body : {}) as Record<string, any>;
    const title = typeof p.title === "string" ? p.title : `HTTP ${res.status}`;
    super(typeof p.detail === "string" ? `${title}: ${p.detail}` : title);
    this.status = res.status;
    this.type = typeof p.type === "string" ? p.type : undefined;
    this.code = this.type?.match(/\/problems\/([a-z_]+)$/)?.[1];
    this.title = title;
    this.detail = typeof p.detail === "string" ? p.detail : undefined;
    this.requestId = res.headers.get("x-request-id") ?? p.request_id;
    this.errors = Array.isArray(p.errors) ? p.errors : [];
    this.body = body;
    this.headers = res.headers;
  }
}

/** 400, 413, 415, 422: the request itself is wrong; `errors` says where. Retrying will not help. */
export class ValidationError extends ApiError {
  override name = "ValidationError";
}
/** 401: no credential, or an unknown, expired or revoked one. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
/** 403: the credential is valid but lacks the scope or role. */
export class PermissionError extends ApiError {
  override name = "PermissionError";
}
/** 404: absent, or belonging to someone the caller may not see (the API never says which). */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
/** 409: the request conflicts with the current state (a lost race, a key still in flight). */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}
/** 409 `invalid_transition`: not allowed from the current status; the body names the allowed ones. */
export class InvalidTransitionError extends ConflictError {
  override name = "InvalidTransitionError";
}
/** 409 `capacity_full`: no places left (a task's sign-ups, for instance). */
export class CapacityFullError extends ConflictError {
  override name = "CapacityFullError";
}
/** 412 or 428: send `ifMatch` with the ETag you read; 412 means the resource changed since. */
export class PreconditionError extends ApiError {
  override name = "PreconditionError";
}
/** 429: slow down; `retryAfterMs` says for how long when the server said (seconds or an HTTP date). */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
  get retryAfterMs(): number | undefined {
    return retryAfterMs(this.headers.get("retry-after"), Date.now());
  }
}

/**
 * `Retry-After` as a wait from `now`: delay-seconds, or an HTTP date (every form of which starts
 * with a day name). Anything else, a negative number included, is no instruction at all.
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  const h = header?.trim();
  if (!h) return undefined;
  if (/^\d+$/.test(h)) return Number(h) * 1000;
  const at = /^[a-z]/i.test(h) ? Date.parse(h) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The request never got an answer: DNS, refused, reset, offline. Safe to retry (the SDK already did). */
export class ConnectionError extends FengqiaoError {
  override name = "ConnectionError";
  constructor(message = "Could not reach the API", options?: { cause?: unknown }) {
    super(message, options);
  }
}
/** No answer within `timeoutMs`. The server may still have done the work: retry with the same idempotency key. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}

type ApiErrorClass = new (res: ResponseLike, body: unknown) => ApiError;

// By problem code first (several codes share 409), then by status for answers from proxies or newer servers.
const byCode: Record<string, ApiErrorClass> = {
  unauthenticated: AuthenticationError,
  forbidden: PermissionError,
  not_found: NotFoundError,
  conflict: ConflictError,
  idempotency_in_flight: ConflictError,
  invalid_transition: InvalidTransitionError,
  capacity_full: CapacityFullError,
  precondition_failed: PreconditionError,
  precondition_required: PreconditionError,
  rate_limited: RateLimitError,
};
const byStatus: Record<number, ApiErrorClass> = {
  400: ValidationError,
  401: AuthenticationError,
  403: PermissionError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionError,
  413: ValidationError,
  415: ValidationError,
  422: ValidationError,
  428: PreconditionError,
  429: RateLimitError,
};

export function apiError(res: ResponseLike, body: unknown): ApiError {
  const probe = new ApiError(res, body);
  const Class = (probe.code && byCode[probe.code]) || byStatus[res.status] || ApiError;
  return Class === ApiError ? probe : new Class(res, body);
}
