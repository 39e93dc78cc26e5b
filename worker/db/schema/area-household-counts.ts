import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Households directly in each area, kept by triggers on `households` (migration
 * 0007_household_counts): an alert's audience estimate sums these over the targeted subtrees,
 * so it costs one row per area, not one per household.
 */
export const areaHouseholdCounts = sqliteTable("area_household_counts", {
  areaId: text().primaryKey(),
  jurisdictionId: text().notNull(),
  households: integer().notNull(),
});
