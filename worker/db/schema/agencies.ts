import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const agencyKinds = ["police_station", "department", "community_committee", "utility", "other"] as const;

/** Police stations, departments (城管, 住建, 民政 …), committees, utilities: who requests move between. */
export const agencies = sqliteTable(
  "agencies",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    name: text().notNull(),
    kind: text({ enum: agencyKinds }).notNull(),
    /** The area it serves; null for county-wide agencies. */
    areaId: text(),
    phone: text(),
    createdAt: integer().notNull(),
  },
  (t) => [index("agencies_jurisdiction").on(t.jurisdictionId, t.id)],
);
