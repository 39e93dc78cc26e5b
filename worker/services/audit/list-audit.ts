import { and, desc, eq, or } from "drizzle-orm";
import { auditLog } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { iso } from "../../lib/time.ts";

export interface ListAuditQuery {
  limit: number;
  cursor?: string;
  action?: string;
  subject_type?: string;
  subject_id?: string;
  actor?: string;
}

const present = (r: typeof auditLog.$inferSelect) => ({
  id: r.id,
  at: iso(r.at),
  actor: r.actor,
  action: r.action,
  subject_type: r.subjectType,
  subject_id: r.subjectId,
  detail: r.detail ?? null,
  request_id: r.requestId,
});

/** Newest first. Read-only by design: nothing in the API updates or deletes an audit row. */
export async function listAudit({ deps, caller, query }: { deps: Deps; caller: Principal; query: ListAuditQuery }) {
  assertAdmin(caller);
  const rows = await deps.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.jurisdictionId, caller.jurisdictionId),
        query.action ? eq(auditLog.action, query.action) : undefined,
        query.subject_type ? eq(auditLog.subjectType, query.subject_type) : undefined,
        query.subject_id ? eq(auditLog.subjectId, query.subject_id) : undefined,
        query.actor ? eq(auditLog.actor, query.actor) : undefined,
        afterCursor(query.cursor, [{ col: auditLog.at, desc: true }, { col: auditLog.id, desc: true }]),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.at, r.id], present);
}
