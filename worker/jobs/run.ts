import { lt } from "drizzle-orm";
import { idempotencyKeys } from "../db/schema/index.ts";
import type { Deps } from "../deps.ts";
import { closeEndedTasks } from "./close-volunteer-tasks.ts";
import { sweepServiceRequestSla } from "../services/requests/sla-sweep.ts";
import { fanOutOutbox } from "../services/webhooks/fan-out.ts";
import { pruneWebhookHistory } from "../services/webhooks/prune.ts";
import { sendDueDeliveries } from "../services/webhooks/send-deliveries.ts";
import { escalateOverdueInterventions } from "../services/interventions/escalate-overdue.ts";

/**
 * Everything the Worker's cron trigger and the Node server's interval run. Each job is
 * idempotent and bounded, so overlapping or missed runs do no harm.
 */
export async function runScheduledJobs(deps: Deps): Promise<Record<string, number>> {
  const expired = await deps.db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, deps.now()));
  const volunteerTasks = await closeEndedTasks(deps);
  const sla = await sweepServiceRequestSla(deps);
  const interventionsEscalated = await escalateOverdueInterventions(deps);
  // After the sweeps, so their overdue events go out in the same run.
  const fannedOut = await fanOutOutbox(deps);
  const webhooks = await sendDueDeliveries(deps);
  const pruned = await pruneWebhookHistory(deps);
  return {
    idempotency_keys_expired: expired.rowsAffected,
    ...volunteerTasks,
    requests_overdue: sla.overdue,
    requests_auto_closed: sla.auto_closed,
    interventions_escalated: interventionsEscalated,
    webhook_deliveries_created: fannedOut,
    webhook_deliveries_sent: webhooks.sent,
    webhook_deliveries_failed: webhooks.failed,
    webhook_history_pruned: pruned,
  };
}
