import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";
import { outbox, requestEvents, serviceRequests as r } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { iso } from "../../lib/time.ts";
import { AUTO_CLOSE_DAYS } from "./lifecycle.ts";
import { eventRow, requestOutbox } from "./request-event.ts";
import type { RequestRow } from "./viewer.ts";

const BATCH = 200;

/**
 * One change by the scheduled job, with the same guarantees as a user's transition: conditional
 * on the version it read, so a request someone changed meanwhile is left for the next run.
 */
async function systemChange(deps: Deps, row: RequestRow, set: Partial<RequestRow>, event: { type: string; visibility: "public" | "internal"; data: Record<string, unknown>; toStatus?: string }) {
  const t = deps.now();
  const next: RequestRow = { ...row, ...set, version: row.version + 1, updatedAt: t };
  try {
    await deps.db.batch([
      deps.db
        .update(r)
        .set({ ...set, version: sql`${r.version} + 1`, updatedAt: t })
        .where(and(eq(r.id, row.id), eq(r.version, row.version))),
      deps.db.run(requireChanged()),
      deps.db.insert(requestEvents).values(eventRow("system", row, t, { ...event, fromStatus: event.toStatus ? row.status : null, toStatus: event.toStatus ?? null })),
      deps.db.insert(outbox).values(requestOutbox(next, t, event.type, event.data)),
    ]);
    return true;
  } catch (err) {
    if (isGuardFailure(err)) return false;
    throw err;
  }
}

/**
 * SLA: flags requests whose first-response or resolution time has passed, raises their
 * escalation level and announces `request.overdue` (each breach once per dispatch); closes
 * resolved requests nobody rated within AUTO_CLOSE_DAYS. Bounded per run; idempotent.
 */
export async function sweepServiceRequestSla(deps: Deps): Promise<{ overdue: number; auto_closed: number }> {
  const t = deps.now();
  let overdue = 0;
  let autoClosed = 0;

  const noResponse = await deps.db
    .select()
    .from(r)
    .where(and(eq(r.active, true), lt(r.firstResponseDueAt, t), isNull(r.responseBreachedAt), inArray(r.status, ["dispatched", "transferred"])))
    .limit(BATCH);
  for (const row of noResponse) {
    const level = row.escalationLevel + 1;
    const ok = await systemChange(deps, row, { responseBreachedAt: t, overdueSince: row.overdueSince ?? t, escalationLevel: level }, {
      type: "overdue",
      visibility: "internal",
      data: { breach: "first_response", due_at: iso(row.firstResponseDueAt!), escalation_level: level },
    });
    if (ok) overdue++;
  }

  const unresolved = await deps.db
    .select()
    .from(r)
    .where(and(eq(r.active, true), lt(r.resolutionDueAt, t), isNull(r.resolutionBreachedAt)))
    .limit(BATCH);
  for (const row of unresolved) {
    // Read again only if the first pass just changed it (its version moved on).
    const fresh = noResponse.some((x) => x.id === row.id) ? (await deps.db.select().from(r).where(eq(r.id, row.id)))[0] : row;
    if (!fresh || fresh.resolutionBreachedAt !== null) continue;
    const level = fresh.escalationLevel + 1;
    const ok = await systemChange(deps, fresh, { resolutionBreachedAt: t, overdueSince: fresh.overdueSince ?? t, escalationLevel: level }, {
      type: "overdue",
      visibility: "internal",
      data: { breach: "resolution", due_at: iso(fresh.resolutionDueAt!), escalation_level: level },
    });
    if (ok) overdue++;
  }

  const stale = await deps.db
    .select()
    .from(r)
    .where(and(eq(r.status, "resolved"), lt(r.resolvedAt, t - AUTO_CLOSE_DAYS * 86_400_000)))
    .limit(BATCH);
  for (const row of stale) {
    const ok = await deps.db
      .batch([
        deps.db
          .update(r)
          .set({ status: "closed", active: false, closedAt: t, version: sql`${r.version} + 1`, updatedAt: t })
          .where(and(eq(r.id, row.id), eq(r.status, "resolved"), eq(r.version, row.version))),
        deps.db.run(requireChanged()),
        deps.db.insert(requestEvents).values(eventRow("system", row, t, { type: "closed", fromStatus: "resolved", toStatus: "closed", data: { reason: "not_rated", after_days: AUTO_CLOSE_DAYS } })),
        deps.db.insert(outbox).values(requestOutbox({ ...row, status: "closed", version: row.version + 1 }, t, "closed", { from_status: "resolved", reason: "not_rated" })),
      ])
      .then(
        () => true,
        (err) => {
          if (isGuardFailure(err)) return false;
          throw err;
        },
      );
    if (ok) autoClosed++;
  }
  return { overdue, auto_closed: autoClosed };
}
