import { lt } from "drizzle-orm";
import { idempotencyKeys } from "../db/schema/index.ts";
import type { Deps } from "../deps.ts";
import { closeEndedTasks } from "./close-volunteer-tasks.ts";
import { escalateOverdueInterventions } from "../services/interventions/escalate-overdue.ts";

/**
 * Everything the Worker's cron trigger and the Node server's interval run. Each job is
 * idempotent and bounded, so overlapping or missed runs do no harm.
 */
export async function runScheduledJobs(deps: Deps): Promise<Record<string, number>> {
  const expired = await deps.db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, deps.now()));
  const volunteerTasks = await closeEndedTasks(deps);
  const interventionsEscalated = await escalateOverdueInterventions(deps);
  return { idempotency_keys_expired: expired.rowsAffected, ...volunteerTasks, interventions_escalated: interventionsEscalated };
}
