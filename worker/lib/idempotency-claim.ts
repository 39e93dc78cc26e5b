import { idempotencyKeys } from "../db/schema/index.ts";
import type { InStatement } from "@libsql/client";
import { insertStatement } from "../db/statements.ts";

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
 * store the answer after it.
 */
export function claimStatements(claim: IdempotencyClaim | undefined, answer?: StoredAnswer): InStatement[] {
  if (!claim) return [];
  claim.used = true;
  claim.answered = answer !== undefined;
  return [insertClaim({ ...claim.row, ...answer })];
}

const insertClaim = insertStatement(idempotencyKeys);

export function isClaimClash(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && /UNIQUE constraint failed: idempotency_keys\./.test(e.message)) return true;
  }
  return false;
}
