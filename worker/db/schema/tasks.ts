import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const taskKinds = ["patrol", "missing_person_search", "publicity", "event_security", "info_check", "mediation_support", "other"] as const;
export type TaskKind = (typeof taskKinds)[number];

/**
 * Stored states. `in_progress` is not stored: an open or full task whose start has passed is
 * presented as in progress, so no job has to race the clock to flip it (see present-task.ts).
 */
export const storedTaskStatuses = ["draft", "open", "full", "completed", "cancelled"] as const;
export type StoredTaskStatus = (typeof storedTaskStatuses)[number];
export const taskStatuses = ["draft", "open", "full", "in_progress", "completed", "cancelled"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** A volunteer task an officer posts: a place, a time window, a capacity and the points it earns. */
export const tasks = sqliteTable(
  "tasks",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    kind: text({ enum: taskKinds }).notNull(),
    title: text().notNull(),
    description: text(),
    urgent: integer({ mode: "boolean" }).notNull(),
    lat: real().notNull(),
    lng: real().notNull(),
    radiusM: integer().notNull(),
    address: text(),
    areaId: text().notNull(),
    areaPath: text().notNull(),
    startsAt: integer().notNull(),
    endsAt: integer().notNull(),
    /** Minutes before the start (and after the end, for check-out) in which the window still admits. */
    checkInSlackMinutes: integer().notNull(),
    capacity: integer().notNull(),
    pointsPerHour: integer().notNull(),
    noShowPenalty: integer().notNull(),
    requiresVerified: integer({ mode: "boolean" }).notNull(),
    /** JSON array of skill slugs every confirmed volunteer must have. */
    requiredSkills: text({ mode: "json" }).$type<string[]>().notNull(),
    teamId: text(),
    status: text({ enum: storedTaskStatuses }).notNull(),
    /** `user:<id>` or `key:<id>`. */
    postedBy: text().notNull(),
    agencyId: text(),
    cancelReason: text(),
    publishedAt: integer(),
    completedAt: integer(),
    cancelledAt: integer(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    index("tasks_status_start").on(t.jurisdictionId, t.status, t.startsAt, t.id),
    // Bounding-box prefilter for "near me": equality on tenant and status, a range on lat.
    index("tasks_status_lat").on(t.jurisdictionId, t.status, t.lat, t.lng),
    index("tasks_area").on(t.jurisdictionId, t.areaPath, t.startsAt),
    index("tasks_ends").on(t.status, t.endsAt),
  ],
);
