import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { indicatorKinds } from "./fraud-indicators.ts";

/**
 * One reporter's account of one indicator. A reporter who reports the same value again revises
 * their report instead of adding another, so one person cannot inflate a count.
 * Reporters are never revealed by checks; staff see reporter ids, not identities.
 */
export const fraudReports = sqliteTable(
  "fraud_reports",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull(),
    indicatorId: text().notNull(),
    /** `usr_…` for a resident, `key_…` for a kiosk or integration acting for itself. */
    reporter: text().notNull(),
    /** What the reporter called it (a QR payload may be filed under `url`). */
    reportedKind: text({ enum: indicatorKinds }).notNull(),
    narrative: text().notNull(),
    /** Amount the fraudster asked for, in fen. */
    amountFen: integer(),
    occurredAt: integer(),
    areaId: text(),
    areaPath: text(),
    photos: text({ mode: "json" }).$type<{ key: string; content_type: string; size: number }[]>().notNull(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex("fraud_reports_reporter").on(t.indicatorId, t.reporter),
    index("fraud_reports_area").on(t.jurisdictionId, t.areaPath, t.createdAt),
    index("fraud_reports_time").on(t.jurisdictionId, t.createdAt),
    index("fraud_reports_mine").on(t.jurisdictionId, t.reporter, t.createdAt),
  ],
);
