import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

/**
 * A dwelling and its printed doorplate. `doorplateCode` is ≥ 96 random bits, so a code cannot
 * be guessed from another; scanning it reveals the grid and its duty staff, never occupants.
 */
export const households = sqliteTable(
  "households",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    /** The grid the dwelling belongs to. */
    areaId: text().notNull(),
    /** The grid's materialised path, copied at write time: "households in this town" is one prefix scan. */
    areaPath: text().notNull(),
    address: text().notNull(),
    lat: real(),
    lng: real(),
    doorplateCode: text().notNull().unique(),
    /** The import's own reference (house number code), unique in the jurisdiction when given. */
    externalRef: text(),
    createdAt: integer().notNull(),
  },
  (t) => [
    index("households_area").on(t.jurisdictionId, t.areaId),
    index("households_area_path").on(t.jurisdictionId, t.areaPath),
    // SQLite treats NULLs as distinct, so only given refs must be unique.
    uniqueIndex("households_ref").on(t.jurisdictionId, t.externalRef),
  ],
);
