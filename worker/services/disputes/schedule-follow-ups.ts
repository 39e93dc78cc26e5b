import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Deps } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import type { RequestRow } from "../requests/viewer.ts";

/** 回访 after a dispute is resolved: a week later, and a month later. */
export const FOLLOW_UP_DAYS = [7, 30];

/**
 * Statements for the resolving batch: visits still scheduled from an earlier resolution are
 * cancelled, and new ones scheduled. Written as INSERT … SELECT so they need no prior read.
 */
export function followUpStatements(deps: Deps, row: RequestRow, at: number): BatchItem<"sqlite">[] {
  return [
    deps.db.run(sql`UPDATE dispute_follow_ups SET status = 'cancelled' WHERE jurisdiction_id = ${row.jurisdictionId} AND request_id = ${row.id} AND status = 'scheduled'`),
    ...FOLLOW_UP_DAYS.map((days) =>
      deps.db.run(sql`INSERT INTO dispute_follow_ups (id, jurisdiction_id, dispute_id, request_id, offset_days, due_at, status, created_at)
        SELECT ${newId("followUp")}, jurisdiction_id, id, request_id, ${days}, ${at + days * 86_400_000}, 'scheduled', ${at}
        FROM disputes WHERE jurisdiction_id = ${row.jurisdictionId} AND request_id = ${row.id}`),
    ),
  ];
}
