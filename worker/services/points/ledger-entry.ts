import { sql } from "drizzle-orm";
import type { pointsLedger } from "../../db/schema/index.ts";
import type { PointKind } from "../../db/schema/points-ledger.ts";
import type { Deps } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";

export type LedgerRow = typeof pointsLedger.$inferInsert;

/** A ledger row to insert in the same batch as the change that earns or costs the points. */
export function ledgerEntry(e: {
  jurisdictionId: string;
  userId: string;
  kind: PointKind;
  points: number;
  minutes?: number | null;
  taskId?: string | null;
  signupId?: string | null;
  correctsEntryId?: string | null;
  areaPath?: string | null;
  reason?: string | null;
  occurredAt: number;
  createdBy: string;
  at: number;
}): LedgerRow {
  return {
    id: newId("pointsEntry"),
    jurisdictionId: e.jurisdictionId,
    userId: e.userId,
    kind: e.kind,
    points: e.points,
    minutes: e.minutes ?? null,
    taskId: e.taskId ?? null,
    signupId: e.signupId ?? null,
    correctsEntryId: e.correctsEntryId ?? null,
    areaPath: e.areaPath ?? null,
    reason: e.reason ?? null,
    occurredAt: e.occurredAt,
    createdBy: e.createdBy,
    createdAt: e.at,
  };
}

/** Points for minutes served, rounded to the nearest point. */
export const attendancePoints = (pointsPerHour: number, minutes: number) => Math.round((pointsPerHour * minutes) / 60);

/**
 * The no-show penalty for a sign-up, written only if it is (now) flagged `no_show` and was never
 * penalised before (the partial unique index on (signup, kind) makes a second one a no-op).
 * The work "happened" at the task's start, which is the period it counts against.
 */
export function noShowPenalty(deps: Deps, p: { signupId: string; penalty: number; occurredAt: number; createdBy: string; at: number }) {
  return deps.db.run(sql`INSERT INTO points_ledger
      (id, jurisdiction_id, user_id, kind, points, minutes, task_id, signup_id, corrects_entry_id, area_path, reason, occurred_at, created_by, created_at)
    SELECT ${newId("pointsEntry")}, s.jurisdiction_id, s.user_id, 'no_show', ${-p.penalty}, NULL, s.task_id, s.id, NULL, s.area_path,
      'did not attend', ${p.occurredAt}, ${p.createdBy}, ${p.at}
    FROM task_signups s WHERE s.id = ${p.signupId} AND s.status = 'no_show' AND ${p.penalty} > 0
    ON CONFLICT DO NOTHING`);
}
