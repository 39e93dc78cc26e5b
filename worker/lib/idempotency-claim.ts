import type { InStatement } from "@libsql/client";
import { and, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { idempotencyKeys } from "../db/schema/index.ts";
import { statementTemplate } from "../db/statements.ts";

/** A first attempt that has not finished after this long is presumed dead and may be retried. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * A record that no longer holds its key: expired, or a first attempt that died mid-way. The one
 * rule, as SQL (for claims that take a stale record over) and for a record already read.
 */
export const staleAt = (now: number | SQL): SQL =>
  or(
    lt(idempotencyKeys.expiresAt, now),
    and(isNull(idempotencyKeys.responseStatus), lt(idempotencyKeys.createdAt, sql`${now} - ${ABANDONED_AFTER_MS}`)),
  )!;
export const isStale = (r: { expiresAt: number; responseStatus: number | null; createdAt: number }, now: number) =>
  r.expiresAt < now || (r.responseStatus === null && r.createdAt < now - ABANDONED_AFTER_MS);

/**
 * An `Idempotency-Key` claim that a service writes inside its own batch, next to the change it
 * guards: the change and its claim commit together or not at all (exactly once, even across
 * processes), and the request costs one write transaction fewer than a separate claim.
 */
export interface IdempotencyClaim {
  row: typeof idempotencyKeys.$inferInsert;
  /** The claim went into the batch, with its answer: nothing is left to store afterwards. */
  used: boolean;
}

/** The answer a retry will get, as the middleware stores it (see middleware/idempotency.ts). */
export interface StoredAnswer {
  responseStatus: number;
  responseBody: string;
  responseHeaders: string;
}

/**
 * A JSON answer as `c.json(body, status, headers)` will send it, for storing with the claim. Only
 * the headers a replay repeats are kept (the middleware's REPLAYED_HEADERS).
 */
export function jsonAnswer(status: number, body: unknown, headers: { location?: string; etag?: string }): StoredAnswer {
  return {
    responseStatus: status,
    responseBody: JSON.stringify(body),
    responseHeaders: JSON.stringify({ "content-type": "application/json", ...headers }),
  };
}

/** The routes whose services take a claim; every other keyed POST or PATCH is claimed by the middleware itself. */
const inBatch = new Set(["POST /v1/requests"]);
export const claimsInBatch = (method: string, path: string) => inBatch.has(`${method} ${path}`);

/**
 * The statements to add to the service's batch when a key was sent. The claim is written
 * complete with its answer, so the request costs one write transaction, not a second one to
 * store the answer after it. The claim takes over a stale record under the key; a live one
 * makes the next statement fail, which rolls the whole batch back (a "claim clash": the
 * middleware then answers from the record). So the key is checked inside the write transaction
 * itself, and nothing needs to be read before the service runs.
 */
export function claimStatements(claim: IdempotencyClaim, a: StoredAnswer): InStatement[] {
  claim.used = true;
  return [claimWithAnswer(claim.row, a), claimGuard({})];
}

/** The key claimed complete with its answer, taking over a stale record; changes nothing under a live one. */
export function claimWithAnswer(r: IdempotencyClaim["row"], a: StoredAnswer): InStatement {
  return upsertClaim({
    scope: r.scope,
    key: r.key,
    fingerprint: r.fingerprint,
    status: a.responseStatus,
    body: a.responseBody,
    headers: a.responseHeaders,
    at: r.createdAt,
    expires: r.expiresAt,
  });
}

const ph = sql.placeholder;
const upsertClaim = statementTemplate(sql`
  INSERT INTO idempotency_keys (scope, key, fingerprint, response_status, response_body, response_headers, created_at, expires_at)
  VALUES (${ph("scope")}, ${ph("key")}, ${ph("fingerprint")}, ${ph("status")}, ${ph("body")}, ${ph("headers")}, ${ph("at")}, ${ph("expires")})
  ON CONFLICT (scope, key) DO UPDATE SET
    fingerprint = excluded.fingerprint, response_status = excluded.response_status, response_body = excluded.response_body,
    response_headers = excluded.response_headers, created_at = excluded.created_at, expires_at = excluded.expires_at
  WHERE ${staleAt(sql`${ph("at")}`)}`);
// Fails with a NOT NULL error naming the key table exactly when the claim above changed nothing.
const claimGuard = statementTemplate(sql`INSERT INTO idempotency_keys (scope, key) SELECT NULL, NULL WHERE changes() = 0`);

export function isClaimClash(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && /UNIQUE constraint failed: idempotency_keys\.|NOT NULL constraint failed: idempotency_keys\.scope/.test(e.message)) return true;
  }
  return false;
}
