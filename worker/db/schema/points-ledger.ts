import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const pointKinds = ["attendance", "bonus", "no_show", "correction"] as const;
export type PointKind = (typeof pointKinds)[number];

/**
 * Volunteer points, append-only: rows are never updated or deleted (triggers in the migration
 * refuse both); a mistake is fixed by a `correction` row that names the entry it corrects.
 * Balances and leaderboards are sums over it.
 */
export const pointsLedger = sqliteTable(
  "points_ledger",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    userId: text().notNull(),
    kind: text({ enum: pointKinds }).notNull(),
    /** Signed: a no-show penalty is negative. */
    points: integer().notNull(),
    /** Volunteer minutes this entry credits (attendance; a correction may adjust them). */
    minutes: integer(),
    taskId: text(),
    signupId: text(),
    correctsEntryId: text(),
    /** Where the work was done (the task's area); leaderboards per area sum over this. */
    areaPath: text(),
    reason: text(),
    /** When the credited work happened: the period it counts for. */
    occurredAt: integer().notNull(),
    createdBy: text().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [
    index("points_ledger_user").on(t.jurisdictionId, t.userId, t.occurredAt),
    index("points_ledger_period").on(t.jurisdictionId, t.occurredAt),
    index("points_ledger_area").on(t.jurisdictionId, t.areaPath, t.occurredAt),
    // A sign-up is credited, or penalised, at most once; corrections are separate rows.
    uniqueIndex("points_ledger_signup_once")
      .on(t.signupId, t.kind)
      .where(sql`signup_id IS NOT NULL AND kind IN ('attendance', 'no_show')`),
  ],
);
