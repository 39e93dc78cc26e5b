import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { levelOf, pathLevel } from "../path-levels.ts";
import { jurisdictions } from "./jurisdictions.ts";
import { serviceGroups, urgencies } from "./services.ts";

export const requestStatuses = [
  "submitted",
  "dispatched",
  "transferred",
  "accepted",
  "declined",
  "in_progress",
  "resolved",
  "rated",
  "closed",
  "reopened",
  "withdrawn",
  "duplicate",
  "invalid",
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const channels = ["qr", "public_account", "app", "kiosk", "phone", "walk_in", "staff", "open311"] as const;
export type Channel = (typeof channels)[number];

/**
 * A resident's service request (群众点单) and where it stands in the closed loop. Every state
 * change is a conditional UPDATE on (id, status, version), so two concurrent transitions can
 * never both win. `areaPath` is copied from the area at intake so area filters are one prefix scan.
 */
export const serviceRequests = sqliteTable(
  "service_requests",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    /** Short code a resident can read out on the phone, e.g. `K7M3-9QX2`. */
    trackingCode: text().notNull(),
    serviceId: text().notNull(),
    serviceCode: text().notNull(),
    serviceGroup: text({ enum: serviceGroups }).notNull(),
    status: text({ enum: requestStatuses }).notNull(),
    version: integer().notNull(),
    /** Not yet resolved nor finished: what SLA timers and the overdue queue look at. */
    active: integer({ mode: "boolean" }).notNull(),
    channel: text({ enum: channels }).notNull(),
    urgency: text({ enum: urgencies }).notNull(),
    /** 0 normal, 1 urgent, 2 emergency: the inbox sorts on it. */
    urgencyRank: integer().notNull(),
    description: text(),
    attributes: text({ mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** The resident who follows the request (their own, or filed for them by staff). */
    reporterUserId: text(),
    reporterName: text(),
    reporterPhone: text(),
    /** `user:<id>` or `key:<id>` of whoever filed it. */
    submittedBy: text().notNull(),
    submittedByKeyId: text().notNull(),
    lat: real(),
    lng: real(),
    address: text(),
    householdId: text(),
    areaId: text(),
    areaPath: text(),
    /** Ancestors read out of `areaPath` (db/path-levels.ts), so "in this town" is an index seek in time order. */
    areaTown: text().generatedAlwaysAs(pathLevel("area_path", levelOf.town), { mode: "virtual" }),
    areaCommunity: text().generatedAlwaysAs(pathLevel("area_path", levelOf.community), { mode: "virtual" }),
    areaGrid: text().generatedAlwaysAs(pathLevel("area_path", levelOf.grid), { mode: "virtual" }),
    agencyId: text(),
    dispatchedAt: integer(),
    firstResponseDueAt: integer(),
    resolutionDueAt: integer(),
    firstRespondedAt: integer(),
    resolvedAt: integer(),
    ratedAt: integer(),
    closedAt: integer(),
    rating: integer(),
    ratingComment: text(),
    resolutionNote: text(),
    duplicateOf: text(),
    escalationLevel: integer().notNull().default(0),
    /** Set by the SLA job the first time a due time passed. */
    overdueSince: integer(),
    responseBreachedAt: integer(),
    resolutionBreachedAt: integer(),
    photoCount: integer().notNull().default(0),
    mediaUrl: text(),
    /** The volunteer lead (线索) this request was made from, if any. */
    sourceLeadId: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex("service_requests_tracking").on(t.jurisdictionId, t.trackingCode),
    index("service_requests_created").on(t.jurisdictionId, t.createdAt, t.id),
    index("service_requests_status").on(t.jurisdictionId, t.status, t.createdAt, t.id),
    index("service_requests_agency").on(t.jurisdictionId, t.agencyId, t.active, t.resolutionDueAt, t.id),
    index("service_requests_reporter").on(t.jurisdictionId, t.reporterUserId, t.createdAt, t.id),
    index("service_requests_filer").on(t.jurisdictionId, t.submittedBy, t.createdAt, t.id),
    index("service_requests_area").on(t.jurisdictionId, t.areaPath, t.createdAt),
    index("service_requests_town").on(t.jurisdictionId, t.areaTown, t.createdAt, t.id),
    index("service_requests_community").on(t.jurisdictionId, t.areaCommunity, t.createdAt, t.id),
    index("service_requests_grid").on(t.jurisdictionId, t.areaGrid, t.createdAt, t.id),
    index("service_requests_due").on(t.jurisdictionId, t.active, t.resolutionDueAt),
    // The SLA job looks across tenants.
    index("service_requests_sla_resolution").on(t.active, t.resolutionDueAt),
    index("service_requests_sla_response").on(t.active, t.firstResponseDueAt),
    index("service_requests_autoclose").on(t.status, t.resolvedAt),
  ],
);
