import { and, eq, isNull, lt } from "drizzle-orm";
import { interventionEvents, interventions, outbox } from "../../db/schema/index.ts";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";
import type { Deps } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { outboxEntry } from "../events/outbox-entry.ts";

const BATCH = 100;

/**
 * Scheduled: every open intervention past its response deadline raises `intervention.overdue`
 * once (the desk's webhook, a duty screen). Each case is claimed by a conditional UPDATE, so
 * overlapping runs never raise the same one twice.
 */
export async function escalateOverdueInterventions(deps: Deps): Promise<number> {
  const t = deps.now();
  const due = await deps.db
    .select()
    .from(interventions)
    .where(and(eq(interventions.status, "open"), isNull(interventions.escalatedAt), lt(interventions.responseDueAt, t)))
    .limit(BATCH);
  let raised = 0;
  for (const row of due) {
    try {
      await deps.db.batch([
        deps.db
          .update(interventions)
          .set({ escalatedAt: t })
          .where(and(eq(interventions.id, row.id), isNull(interventions.escalatedAt), eq(interventions.status, "open"))),
        deps.db.run(requireChanged()),
        deps.db.insert(interventionEvents).values({ id: newId("interventionEvent"), jurisdictionId: row.jurisdictionId, interventionId: row.id, type: "escalated", actor: "system", note: null, data: { minutes_late: Math.floor((t - row.responseDueAt) / 60_000) }, at: t }),
        deps.db.insert(outbox).values(
          outboxEntry(row.jurisdictionId, t, { type: "intervention.overdue", agencyId: row.agencyId, payload: { intervention_id: row.id, status: row.status, assigned_officer_id: row.assignedOfficerId } }),
        ),
      ]);
      raised++;
    } catch (err) {
      if (!isGuardFailure(err)) throw err; // another run, or a response, got there first
    }
  }
  return raised;
}
