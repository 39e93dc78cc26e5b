import type { pointsLedger } from "../../db/schema/index.ts";
import { iso } from "../../lib/time.ts";

export function presentEntry(row: typeof pointsLedger.$inferSelect) {
  return {
    id: row.id,
    user_id: row.userId,
    kind: row.kind,
    points: row.points,
    minutes: row.minutes,
    task_id: row.taskId,
    signup_id: row.signupId,
    corrects_entry_id: row.correctsEntryId,
    reason: row.reason,
    occurred_at: iso(row.occurredAt),
    created_at: iso(row.createdAt),
  };
}
