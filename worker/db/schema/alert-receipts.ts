import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const readerKinds = ["resident", "kiosk", "household"] as const;

/**
 * Written only when a reader acts (delivered, read, acknowledged), keyed by alert and reader:
 * a user id, a kiosk's key id or a household id. The reader's area is kept so reach and read
 * rate break down by area without joining anything.
 */
export const alertReceipts = sqliteTable(
  "alert_receipts",
  {
    alertId: text().notNull(),
    reader: text().notNull(),
    jurisdictionId: text().notNull(),
    readerKind: text({ enum: readerKinds }).notNull(),
    areaId: text(),
    areaPath: text().notNull(),
    deliveredAt: integer().notNull(),
    readAt: integer(),
    acknowledgedAt: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.alertId, t.reader] }),
    index("alert_receipts_area").on(t.jurisdictionId, t.areaPath, t.deliveredAt),
  ],
);
