import { ApiError, ConnectionError, retryAfterMs } from "./errors.js";

const BASE_MS = 500;
const CAP_MS = 8_000;
/** A server asking for a longer pause than this is better handled by the caller than by a hidden wait. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Whether trying again can succeed and cannot do harm. Every POST and PATCH carries one idempotency
 * key for all its attempts, so a write that did land is answered from the server's record, not run twice.
 * 409 is retried only while the first attempt with that key is still running: `invalid_transition`,
 * `capacity_full` and a lost race (`conflict`) would give the same answer again.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof ConnectionError) return true;
  if (!(err instanceof ApiError)) return false;
  const s = err.status;
  return s === 408 || s === 429 || s >= 500 || (s === 409 && err.code === "idempotency_in_flight");
}

/**
 * How long to wait before retry number `attempt` (0-based), or undefined to give up now.
 * `Retry-After` wins when present; otherwise capped exponential backoff with jitter, so that many
 * kiosks coming back online together do not retry in lockstep.
 */
export function retryDelay(err: unknown, attempt: number, now: number, random = Math.random): number | undefined {
  const asked = err instanceof ApiError ? retryAfterMs(err.headers.get("retry-after"), now) : undefined;
  if (asked !== undefined) return asked > MAX_RETRY_AFTER_MS ? undefined : asked;
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** attempt);
  return exp / 2 + random() * (exp / 2);
}
