import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * What the fraudster used in a 劝阻/止损 case (a number, link or account), filed by the officer
 * working it. A link of its own, not a column of the report: one officer reports a number once,
 * but the same number can turn up in several of their cases.
 */
export const interventionIndicators = sqliteTable(
  "intervention_indicators",
  {
    interventionId: text().notNull(),
    indicatorId: text().notNull(),
    jurisdictionId: text().notNull(),
    addedBy: text().notNull(),
    addedAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.interventionId, t.indicatorId] }), index("intervention_indicators_indicator").on(t.indicatorId)],
);
