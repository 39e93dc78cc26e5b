import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const indicatorKinds = ["phone", "url", "bank_account", "qr_payload", "app_name", "social_account"] as const;
export const indicatorStatuses = ["reported", "confirmed", "dismissed"] as const;

/**
 * A suspicious phone number, link, account … as reported by residents. The value itself is
 * never stored: `key_hash` is HMAC-SHA256(INDICATOR_SECRET, kind:normalised value), so a check
 * finds it by recomputing the hash, and `display` is a masked form staff can recognise.
 */
export const fraudIndicators = sqliteTable(
  "fraud_indicators",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    kind: text({ enum: indicatorKinds }).notNull(),
    keyHash: text().notNull(),
    display: text().notNull(),
    status: text({ enum: indicatorStatuses }).notNull(),
    /** Distinct reporters. */
    reportCount: integer().notNull(),
    firstReportedAt: integer().notNull(),
    lastReportedAt: integer().notNull(),
    decidedBy: text(),
    decidedAt: integer(),
    decisionNote: text(),
    rowVersion: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("fraud_indicators_key").on(t.jurisdictionId, t.keyHash),
    index("fraud_indicators_list").on(t.jurisdictionId, t.status, t.lastReportedAt),
    // The staff list without a status filter, newest reported first, page after page without a sort.
    index("fraud_indicators_recent").on(t.jurisdictionId, t.lastReportedAt, t.id),
  ],
);
