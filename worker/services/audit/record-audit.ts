import { auditLog } from "../../db/schema/index.ts";
import type { Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";

export const actorOf = (p: Principal) => (p.user ? `user:${p.user.id}` : `key:${p.keyId}`);

/**
 * The audit row for a change, as a statement to put in the same batch as the change itself, so
 * there is never a change without its record (or a record of a change that did not happen).
 */
export function auditEntry(
  p: Principal,
  at: number,
  entry: { action: string; subjectType: string; subjectId: string; detail?: Record<string, unknown>; requestId?: string },
) {
  return {
    id: newId("audit"),
    jurisdictionId: p.jurisdictionId,
    actor: actorOf(p),
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    detail: entry.detail ?? null,
    requestId: entry.requestId ?? null,
    at,
  } satisfies typeof auditLog.$inferInsert;
}
