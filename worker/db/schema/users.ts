import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { roles } from "../../deps.ts";
import { jurisdictions } from "./jurisdictions.ts";

export const subjectTypes = ["wechat_openid", "phone", "app_user", "staff_id"] as const;

/**
 * End users, identified by a subject an app has already verified (a WeChat openid, a phone a
 * kiosk confirmed by SMS, an app's own user id). Residents are created on first exchange;
 * staff and volunteers are registered by an admin with their role.
 */
export const users = sqliteTable(
  "users",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    subjectType: text({ enum: subjectTypes }).notNull(),
    subject: text().notNull(),
    role: text({ enum: roles }).notNull(),
    displayName: text(),
    phone: text(),
    agencyId: text(),
    disabledAt: integer(),
    createdAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex("users_subject").on(t.jurisdictionId, t.subjectType, t.subject),
    index("users_role").on(t.jurisdictionId, t.role),
  ],
);

/**
 * The areas a staff user answers for (their grid, their community), and a grid's members.
 * `duty` says in what capacity: a grid's leader and workers, the area's officer.
 */
export const userAreas = sqliteTable(
  "user_areas",
  {
    userId: text().notNull(),
    areaId: text().notNull(),
    duty: text({ enum: ["grid_leader", "grid_worker", "officer", "staff", "member"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.areaId] }), index("user_areas_area").on(t.areaId, t.duty)],
);
