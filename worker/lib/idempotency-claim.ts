import { idempotencyKeys } from "../db/schema/index.ts";
import type { Db } from "../db/client.ts";

/**
 * An `Idempotency-Key` claim that a service writes inside its own batch, next to the change it
 * guards: the change and its claim commit together or not at all (exactly once, even across
 * processes), and the request costs one write transaction fewer than a separate claim.
 */
export interface IdempotencyClaim {
  row: typeof idempotencyKeys.$inferInsert;
  used: boolean;
}

/** The routes whose services take a claim; every other POST is claimed by the middleware itself. */
const inBatch = new Set(["POST /v1/requests"]);
export const claimsInBatch = (method: string, path: string) => inBatch.has(`${method} ${path}`);

/** The statements to add to the service's batch: none when no key was sent. */
export function claimStatements(db: Db, claim: IdempotencyClaim | undefined) {
  if (!claim) return [];
  claim.used = true;
  return [db.insert(idempotencyKeys).values(claim.row)];
}

export function isClaimClash(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && /UNIQUE constraint failed: idempotency_keys\./.test(e.message)) return true;
  }
  return false;
}
