import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

/** Open311 attribute datatypes. */
export const attributeDatatypes = ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"] as const;
export type AttributeDatatype = (typeof attributeDatatypes)[number];

export const serviceGroups = ["consultation", "certificate", "help", "report", "dispute", "lead", "nuisance", "lost_found", "other"] as const;
export type ServiceGroup = (typeof serviceGroups)[number];

export const urgencies = ["normal", "urgent", "emergency"] as const;
export type Urgency = (typeof urgencies)[number];

/** One extra question a service asks (an Open311 service-definition attribute). */
export interface ServiceAttribute {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  /** false: an informational line shown to the resident, not a question. */
  variable: boolean;
  order: number;
  description: string;
  descriptionEn: string | null;
  datatypeDescription: string | null;
  values: { key: string; name: string; nameEn: string | null }[] | null;
}

/**
 * The service catalogue of a jurisdiction: what residents can ask for, which agency it usually
 * goes to and how fast it must be answered. `code` is the Open311 `service_code`.
 */
export const services = sqliteTable(
  "services",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    code: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    descriptionZh: text(),
    descriptionEn: text(),
    group: text({ enum: serviceGroups }).notNull(),
    keywords: text({ mode: "json" }).$type<string[]>().notNull(),
    attributes: text({ mode: "json" }).$type<ServiceAttribute[]>().notNull(),
    /** Suggested when dispatching; null leaves the choice to the desk. */
    defaultAgencyId: text(),
    defaultUrgency: text({ enum: urgencies }).notNull().default("normal"),
    /** Minutes from dispatch until the agency must accept or decline. */
    firstResponseMinutes: integer().notNull(),
    /** Hours from dispatch until the request must be resolved. */
    resolutionHours: integer().notNull(),
    active: integer({ mode: "boolean" }).notNull().default(true),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [uniqueIndex("services_code").on(t.jurisdictionId, t.code), index("services_group").on(t.jurisdictionId, t.group, t.code)],
);
