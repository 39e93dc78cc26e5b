import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const areaLevels = ["county", "town", "community", "grid"] as const;

/**
 * The place tree: county → town/street → community/village → grid (网格). `path` is the chain
 * of ids from the root, `/a/b/c/`, so "this area and everything under it" is one indexed
 * range scan (`'/a/b/' <= path < '/a/b/~'`) at any depth.
 */
export const areas = sqliteTable(
  "areas",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    parentId: text(),
    level: text({ enum: areaLevels }).notNull(),
    name: text().notNull(),
    /** Optional administrative code, unique in the jurisdiction. */
    code: text(),
    path: text().notNull(),
    /** Centre point, used to place doorplates and tasks on a map. */
    lat: real(),
    lng: real(),
    createdAt: integer().notNull(),
  },
  (t) => [
    index("areas_path").on(t.jurisdictionId, t.path),
    index("areas_parent").on(t.jurisdictionId, t.parentId),
    uniqueIndex("areas_code").on(t.jurisdictionId, t.code),
  ],
);
