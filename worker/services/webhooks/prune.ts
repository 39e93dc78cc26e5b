import { and, inArray, isNotNull, lt } from "drizzle-orm";
import { outbox, webhookDeliveries } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";

const KEEP_DAYS = 30;

/**
 * Finished deliveries and fanned-out messages are kept 30 days (long after the last retry, which
 * is ~27 h after the first attempt), so endpoint owners can look back at what was sent.
 */
export async function pruneWebhookHistory(deps: Deps): Promise<number> {
  const before = deps.now() - KEEP_DAYS * 86_400_000;
  const [a, b] = await deps.db.batch([
    deps.db.delete(webhookDeliveries).where(and(inArray(webhookDeliveries.status, ["succeeded", "failed"]), lt(webhookDeliveries.createdAt, before))),
    deps.db.delete(outbox).where(and(isNotNull(outbox.dispatchedAt), lt(outbox.dispatchedAt, before))),
  ]);
  return a.rowsAffected + b.rowsAffected;
}
