import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { jurisdictions } from "./jurisdictions.ts";

export const interventionSources = ["bank", "relative", "hotline", "officer", "other"] as const;
export const interventionStatuses = ["open", "acknowledged", "resolved"] as const;
export const interventionOutcomes = ["stopped", "lost", "not_fraud"] as const;
export const scamTypes = [
  "impersonating_authorities",
  "safe_account",
  "investment",
  "fake_customer_service",
  "refund",
  "loan",
  "romance",
  "part_time_job",
  "gaming_trade",
  "other",
] as const;

/**
 * 劝阻 / 止损: someone is about to pay a fraudster. The case goes to the duty officer of the
 * victim's area with a response deadline in minutes; the outcome records what was saved or lost
 * (integer fen) and whether the national anti-fraud app got installed.
 */
export const interventions = sqliteTable(
  "interventions",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull().references(() => jurisdictions.id),
    source: text({ enum: interventionSources }).notNull(),
    status: text({ enum: interventionStatuses }).notNull(),
    scamType: text({ enum: scamTypes }).notNull(),
    areaId: text().notNull(),
    areaPath: text().notNull(),
    householdId: text(),
    assignedOfficerId: text(),
    agencyId: text(),
    victimName: text(),
    victimPhone: text(),
    summary: text().notNull(),
    amountAtRiskFen: integer(),
    responseDueAt: integer().notNull(),
    respondedAt: integer(),
    /** Set when the response deadline passed unanswered and the desk was alerted (once). */
    escalatedAt: integer(),
    resolvedAt: integer(),
    outcome: text({ enum: interventionOutcomes }),
    amountSavedFen: integer(),
    amountLostFen: integer(),
    antiFraudAppInstalled: integer({ mode: "boolean" }),
    createdBy: text().notNull(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
    rowVersion: integer().notNull().default(1),
  },
  (t) => [
    index("interventions_list").on(t.jurisdictionId, t.createdAt, t.id),
    index("interventions_area").on(t.jurisdictionId, t.areaPath, t.createdAt),
    index("interventions_officer").on(t.assignedOfficerId, t.status),
    index("interventions_open").on(t.jurisdictionId, t.status, t.responseDueAt),
    // The escalation job looks across tenants for open cases past their deadline.
    index("interventions_due").on(t.status, t.responseDueAt),
  ],
);
