import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

/** A volunteer team, e.g. the 千鼓山 patrol team or a community's 义警 squad. */
export const volunteerTeams = sqliteTable(
  "volunteer_teams",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    name: text().notNull(),
    description: text(),
    /** The area the team serves; null for county-wide teams. */
    areaId: text(),
    areaPath: text(),
    createdAt: integer().notNull(),
  },
  (t) => [uniqueIndex("volunteer_teams_name").on(t.jurisdictionId, t.name), index("volunteer_teams_area").on(t.jurisdictionId, t.areaPath)],
);
