import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const leadStatuses = ["new", "converted", "dismissed"] as const;

/**
 * A lead (线索) a volunteer reports: what they saw, where, optionally a photo, usually while on a
 * task. An officer can turn it into a service request; `requestId` links it there.
 */
export const volunteerLeads = sqliteTable(
  "volunteer_leads",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    userId: text().notNull(),
    taskId: text(),
    text: text().notNull(),
    lat: real(),
    lng: real(),
    areaId: text(),
    areaPath: text(),
    photoKey: text(),
    photoType: text(),
    status: text({ enum: leadStatuses }).notNull(),
    requestId: text(),
    convertedAt: integer(),
    convertedBy: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    index("volunteer_leads_created").on(t.jurisdictionId, t.createdAt, t.id),
    index("volunteer_leads_area").on(t.jurisdictionId, t.areaPath, t.createdAt),
    index("volunteer_leads_user").on(t.jurisdictionId, t.userId, t.createdAt),
    index("volunteer_leads_task").on(t.taskId),
    index("volunteer_leads_request").on(t.jurisdictionId, t.requestId),
  ],
);
