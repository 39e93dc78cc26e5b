import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const alertKinds = ["fraud_warning", "drug_prevention", "traffic_safety", "typical_case", "missing_person", "public_safety"] as const;
/** CAP 1.2 value lists, spelled as CAP spells them. */
export const capSeverities = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"] as const;
export const capUrgencies = ["Immediate", "Expected", "Future", "Past", "Unknown"] as const;
export const capCertainties = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"] as const;
export const capMsgTypes = ["Alert", "Update", "Cancel"] as const;
/**
 * `superseded`: an Update or a Cancel replaced this version. `expired` is never stored: a
 * published version whose `expires_at` has passed is presented as expired.
 */
export const alertStatuses = ["draft", "published", "superseded", "cancelled"] as const;

export interface AlertMedia {
  url: string;
  mime_type: string;
  description: string;
}

/**
 * One row per CAP message: the original Alert, each Update and the Cancel are separate rows of
 * one `chain_id` (the original's id), each naming the version it replaces. So every message
 * keeps its own identifier, sent time and content, as CAP `references` requires.
 */
export const alerts = sqliteTable(
  "alerts",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    chainId: text().notNull(),
    /** 1 for the original; each Update or Cancel adds one. */
    versionNo: integer().notNull(),
    supersedesId: text(),
    supersededById: text(),
    msgType: text({ enum: capMsgTypes }).notNull(),
    status: text({ enum: alertStatuses }).notNull(),
    kind: text({ enum: alertKinds }).notNull(),
    severity: text({ enum: capSeverities }).notNull(),
    urgency: text({ enum: capUrgencies }).notNull(),
    certainty: text({ enum: capCertainties }).notNull(),
    titleZh: text().notNull(),
    bodyZh: text().notNull(),
    instructionZh: text(),
    titleEn: text(),
    bodyEn: text(),
    instructionEn: text(),
    media: text({ mode: "json" }).$type<AlertMedia[]>().notNull(),
    /** Targeted areas (descendants included); empty when `whole_jurisdiction`. */
    areaIds: text({ mode: "json" }).$type<string[]>().notNull(),
    wholeJurisdiction: integer({ mode: "boolean" }).notNull(),
    /** Null until sent: then defaults to the sent time. */
    effectiveAt: integer(),
    expiresAt: integer(),
    sentAt: integer(),
    note: text(),
    createdBy: text().notNull(),
    sentBy: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
    /** Optimistic-concurrency counter for draft edits. */
    rowVersion: integer().notNull().default(1),
  },
  (t) => [
    index("alerts_list").on(t.jurisdictionId, t.createdAt, t.id),
    index("alerts_feed").on(t.jurisdictionId, t.status, t.sentAt),
    index("alerts_chain").on(t.chainId, t.versionNo),
  ],
);
