import { sql } from "drizzle-orm";
import type { taskSignups } from "../../db/schema/index.ts";
import { maskName } from "../../lib/mask.ts";
import { iso, isoOrNull } from "../../lib/time.ts";

export type SignupRow = typeof taskSignups.$inferSelect;

/** 1-based place in the queue for a waitlisted sign-up (an SQL expression over `task_signups`). */
export const waitlistPosition = sql<number | null>`CASE WHEN task_signups.status = 'waitlisted' THEN 1 + (
  SELECT count(*) FROM task_signups w WHERE w.task_id = task_signups.task_id AND w.status = 'waitlisted'
    AND (w.created_at < task_signups.created_at OR (w.created_at = task_signups.created_at AND w.id < task_signups.id))) END`;

/** A row as `RETURNING *` hands it back: raw snake_case columns. */
export function signupFromRaw(r: Record<string, unknown>): SignupRow {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    jurisdictionId: String(r.jurisdiction_id),
    taskId: String(r.task_id),
    userId: String(r.user_id),
    status: r.status as SignupRow["status"],
    areaPath: String(r.area_path),
    promotedAt: n(r.promoted_at),
    promotedVia: s(r.promoted_via),
    withdrawnAt: n(r.withdrawn_at),
    checkedInAt: n(r.checked_in_at),
    checkInMethod: s(r.check_in_method) as SignupRow["checkInMethod"],
    checkInLat: n(r.check_in_lat),
    checkInLng: n(r.check_in_lng),
    checkedOutAt: n(r.checked_out_at),
    checkOutMethod: s(r.check_out_method) as SignupRow["checkOutMethod"],
    minutes: n(r.minutes),
    creditedMinutes: n(r.credited_minutes),
    attendanceConfirmedAt: n(r.attendance_confirmed_at),
    attendanceConfirmedBy: s(r.attendance_confirmed_by),
    noShowAt: n(r.no_show_at),
    version: Number(r.version),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export function presentSignup(row: SignupRow, extra: { waitlistPosition?: number | null; displayName?: string | null } = {}) {
  return {
    id: row.id,
    task_id: row.taskId,
    user_id: row.userId,
    ...(extra.displayName !== undefined ? { display_name: maskName(extra.displayName) } : {}),
    status: row.status,
    waitlist_position: row.status === "waitlisted" ? (extra.waitlistPosition ?? null) : null,
    signed_up_at: iso(row.createdAt),
    promoted_at: isoOrNull(row.promotedAt),
    withdrawn_at: isoOrNull(row.withdrawnAt),
    checked_in_at: isoOrNull(row.checkedInAt),
    check_in_method: row.checkInMethod,
    checked_out_at: isoOrNull(row.checkedOutAt),
    check_out_method: row.checkOutMethod,
    minutes: row.minutes,
    credited_minutes: row.creditedMinutes,
    attendance_confirmed_at: isoOrNull(row.attendanceConfirmedAt),
    no_show_at: isoOrNull(row.noShowAt),
    updated_at: iso(row.updatedAt),
  };
}
