import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const disputeGrades = ["green", "yellow", "orange", "red"] as const;
export type DisputeGrade = (typeof disputeGrades)[number];
/** 三级联调: grid → town/station → county. */
export const mediationLevels = ["grid", "town", "county"] as const;
export type MediationLevel = (typeof mediationLevels)[number];

/**
 * A dispute (矛盾纠纷) rides on a service request of the `dispute` group — the request carries the
 * lifecycle, this row what mediation needs: the colour grade by difficulty, the level currently
 * mediating, and the signed agreement (调解协议书).
 */
export const disputes = sqliteTable(
  "disputes",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    requestId: text().notNull(),
    grade: text({ enum: disputeGrades }).notNull(),
    level: text({ enum: mediationLevels }).notNull(),
    areaPath: text(),
    /** null while mediation goes on. */
    outcome: text({ enum: ["mediated", "failed"] }),
    agreementText: text(),
    agreementSignedAt: integer(),
    agreementPartyIds: text({ mode: "json" }).$type<string[]>(),
    mediatedAt: integer(),
    version: integer().notNull(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex("disputes_request").on(t.jurisdictionId, t.requestId),
    index("disputes_created").on(t.jurisdictionId, t.createdAt, t.id),
    index("disputes_area").on(t.jurisdictionId, t.areaPath),
  ],
);

/** The people in a dispute. Names and phones are shown masked. */
export const disputeParties = sqliteTable(
  "dispute_parties",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull(),
    disputeId: text().notNull(),
    name: text().notNull(),
    phone: text(),
    role: text({ enum: ["applicant", "respondent", "other"] }).notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [index("dispute_parties_dispute").on(t.jurisdictionId, t.disputeId)],
);

/** A sitting of mediators and parties, at the level mediating at the time. */
export const mediationSessions = sqliteTable(
  "mediation_sessions",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull(),
    disputeId: text().notNull(),
    level: text({ enum: mediationLevels }).notNull(),
    heldAt: integer().notNull(),
    location: text(),
    summary: text().notNull(),
    outcome: text({ enum: ["continued", "agreed", "failed"] }).notNull(),
    recordedBy: text().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [index("mediation_sessions_dispute").on(t.jurisdictionId, t.disputeId, t.heldAt)],
);

/** 回访: visits scheduled after resolution (+7 and +30 days) and what they found. */
export const disputeFollowUps = sqliteTable(
  "dispute_follow_ups",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull(),
    disputeId: text().notNull(),
    requestId: text().notNull(),
    offsetDays: integer().notNull(),
    dueAt: integer().notNull(),
    status: text({ enum: ["scheduled", "done", "cancelled"] }).notNull(),
    result: text({ enum: ["stable", "recurred", "unreachable"] }),
    note: text(),
    doneAt: integer(),
    doneBy: text(),
    createdAt: integer().notNull(),
  },
  (t) => [index("dispute_follow_ups_due").on(t.jurisdictionId, t.status, t.dueAt), index("dispute_follow_ups_dispute").on(t.jurisdictionId, t.disputeId)],
);
