import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const signupStatuses = ["confirmed", "waitlisted", "withdrawn", "checked_in", "checked_out", "attended", "no_show"] as const;
export type SignupStatus = (typeof signupStatuses)[number];

/** The statuses that hold one of the task's places: a waitlisted or withdrawn sign-up holds none. */
export const seatStatuses = ["confirmed", "checked_in", "checked_out", "attended", "no_show"] as const satisfies SignupStatus[];
/** Holding a place and not yet done: these may not overlap in time for one volunteer. */
export const busyStatuses = ["confirmed", "checked_in", "checked_out"] as const satisfies SignupStatus[];

export const checkInMethods = ["geofence", "site_code"] as const;

/**
 * A volunteer's sign-up for a task, one per volunteer per task (re-signing after a withdrawal
 * reuses the row). Confirmed up to capacity, then waitlisted in order of `createdAt`.
 */
export const taskSignups = sqliteTable(
  "task_signups",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    taskId: text().notNull(),
    userId: text().notNull(),
    status: text({ enum: signupStatuses }).notNull(),
    /** The task's area, denormalised for per-area figures. */
    areaPath: text().notNull(),
    promotedAt: integer(),
    /** The operation that promoted it off the waitlist; lets the same batch emit the event. */
    promotedVia: text(),
    withdrawnAt: integer(),
    checkedInAt: integer(),
    checkInMethod: text({ enum: checkInMethods }),
    checkInLat: real(),
    checkInLng: real(),
    checkedOutAt: integer(),
    checkOutMethod: text({ enum: checkInMethods }),
    /** Minutes inside the task window between check-in and check-out. */
    minutes: integer(),
    /** Minutes staff credited when confirming attendance. */
    creditedMinutes: integer(),
    attendanceConfirmedAt: integer(),
    attendanceConfirmedBy: text(),
    noShowAt: integer(),
    version: integer().notNull().default(1),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex("task_signups_task_user").on(t.taskId, t.userId),
    index("task_signups_task_status").on(t.taskId, t.status, t.createdAt, t.id),
    index("task_signups_user").on(t.jurisdictionId, t.userId, t.status),
    index("task_signups_area").on(t.jurisdictionId, t.areaPath),
  ],
);
