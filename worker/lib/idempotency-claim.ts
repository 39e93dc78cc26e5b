import type { InStatement } from "@libsql/client";
import { sql } from "drizzle-orm";
import type { idempotencyKeys } from "../db/schema/index.ts";
import { statementTemplate } from "../db/statements.ts";

/** A first attempt that has not finished after this long is presumed dead and may be retried. */
export const ABANDONED_AFTER_MS = 60_000;

/** A record that no longer holds its key: expired, or a first attempt that died mid-way. */
export const isStale = (r: { expiresAt: number; responseStatus: number | null; createdAt: number }, now: number) =>
  r.expiresAt < now || (r.responseStatus === null && r.createdAt < now - ABANDONED_AFTER_MS);

/**
 * An `Idempotency-Key` claim that a service writes inside its own batch, next to the change it
 * guards: the change and its claim commit together or not at all (exactly once, even across
 * processes), and the request costs one write transaction fewer than a separate claim.
 */
export interface IdempotencyClaim {
  row: typeof idempotencyKeys.$inferInsert;
  used: boolean;
  /** The claim went into the batch with its answer already in it: nothing is left to store afterwards. */
  answered?: boolean;
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

/** The routes whose services take a claim; every other POST is claimed by the middleware itself. */
const inBatch = new Set(["POST /v1/requests"]);
export const claimsInBatch = (method: string, path: string) => inBatch.has(`${method} ${path}`);

/**
 * The statements to add to the service's batch: none when no key was sent. With `answer`, the
 * claim is written complete, so the request costs one write transaction, not a second one to
 * store the answer after it. The claim takes over a stale record under the key; a live one
 * makes the next statement fail, which rolls the whole batch back (a "claim clash": the
 * middleware then answers from the record). So the key is checked inside the write transaction
 * itself, and nothing needs to be read before the service runs.
 */
export function claimStatements(claim: IdempotencyClaim | undefined, answer?: StoredAnswer): InStatement[] {
  if (!claim) return [];
  claim.used = true;
  claim.answered = answer !== undefined;
  const r = claim.row;
  return [
    upsertClaim({
      scope: r.scope,
      key: r.key,
      fingerprint: r.fingerprint,
      status: answer?.responseStatus ?? null,
      body: answer?.responseBody ?? null,
      headers: answer?.responseHeaders ?? null,
      at: r.createdAt,
      expires: r.expiresAt,
      abandoned: r.createdAt - ABANDONED_AFTER_MS,
    }),
    claimGuard({}),
  ];
}

const ph = sql.placeholder;
const upsertClaim = statementTemplate(sql`
  INSERT INTO idempotency_keys (scope, key, fingerprint, response_status, response_body, response_headers, created_at, expires_at)
  VALUES (${ph("scope")}, ${ph("key")}, ${ph("fingerprint")}, ${ph("status")}, ${ph("body")}, ${ph("headers")}, ${ph("at")}, ${ph("expires")})
  ON CONFLICT (scope, key) DO UPDATE SET
    fingerprint = excluded.fingerprint, response_status = excluded.response_status, response_body = excluded.response_body,
    response_headers = excluded.response_headers, created_at = excluded.created_at, expires_at = excluded.expires_at
  WHERE idempotency_keys.expires_at < excluded.created_at
    OR (idempotency_keys.response_status IS NULL AND idempotency_keys.created_at < ${ph("abandoned")})`);
// Fails with a NOT NULL error naming the key table exactly when the claim above changed nothing.
const claimGuard = statementTemplate(sql`INSERT INTO idempotency_keys (scope, key) SELECT NULL, NULL WHERE changes() = 0`);

export function isClaimClash(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && /UNIQUE constraint failed: idempotency_keys\.|NOT NULL constraint failed: idempotency_keys\.scope/.test(e.message)) return true;
  }
  return false;
}
