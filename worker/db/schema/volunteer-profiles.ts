import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const volunteerStatuses = ["pending", "verified", "suspended"] as const;
export type VolunteerStatus = (typeof volunteerStatuses)[number];

/**
 * The volunteer side of a user with the `volunteer` role: team, home grid, skills, and whether
 * staff have verified them. One row per user; the user id is the key.
 */
export const volunteerProfiles = sqliteTable(
  "volunteer_profiles",
  {
    userId: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    teamId: text(),
    /** Usually a grid; where "tasks near me / in my grid" starts. */
    homeAreaId: text(),
    homeAreaPath: text(),
    /** JSON array of skill slugs, e.g. ["first_aid", "mediation"]. */
    skills: text({ mode: "json" }).$type<string[]>().notNull(),
    status: text({ enum: volunteerStatuses }).notNull(),
    statusReason: text(),
    verifiedAt: integer(),
    verifiedBy: text(),
    suspendedAt: integer(),
    version: integer().notNull().default(1),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    index("volunteer_profiles_status").on(t.jurisdictionId, t.status, t.userId),
    index("volunteer_profiles_area").on(t.jurisdictionId, t.homeAreaPath),
    index("volunteer_profiles_team").on(t.jurisdictionId, t.teamId),
  ],
);
