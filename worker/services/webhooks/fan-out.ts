import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";
import { outbox, webhookDeliveries, webhookEndpoints } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";

const BATCH = 200;

/** `request.*` matches every request event; an empty list matches everything. */
export function subscribed(eventTypes: readonly string[], type: string): boolean {
  if (eventTypes.length === 0) return true;
  return eventTypes.some((p) => p === type || (p.endsWith(".*") && type.startsWith(p.slice(0, -1))));
}

/**
 * Turns new outbox messages into one pending delivery per subscribed endpoint. Each message is
 * claimed by a conditional UPDATE in the same batch as its deliveries, so two overlapping runs
 * never fan a message out twice.
 */
export async function fanOutOutbox(deps: Deps): Promise<number> {
  const messages = await deps.db.select().from(outbox).where(isNull(outbox.dispatchedAt)).orderBy(asc(outbox.createdAt), asc(outbox.id)).limit(BATCH);
  if (messages.length === 0) return 0;
  const jurisdictions = [...new Set(messages.map((m) => m.jurisdictionId))];
  const endpoints = await deps.db
    .select({ id: webhookEndpoints.id, jurisdictionId: webhookEndpoints.jurisdictionId, agencyId: webhookEndpoints.agencyId, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(inArray(webhookEndpoints.jurisdictionId, jurisdictions), eq(webhookEndpoints.status, "active")));
  const t = deps.now();
  let created = 0;
  for (const m of messages) {
    const targets = endpoints.filter(
      (e) => e.jurisdictionId === m.jurisdictionId && (e.agencyId === null || e.agencyId === m.agencyId) && subscribed(e.eventTypes, m.type),
    );
    const rows = targets.map((e) => ({
      id: newId("delivery"),
      jurisdictionId: m.jurisdictionId,
      endpointId: e.id,
      messageId: m.id,
      eventType: m.type,
      status: "pending" as const,
      attempts: 0,
      nextAttemptAt: t,
      createdAt: t,
    }));
    try {
      await deps.db.batch([
        deps.db.update(outbox).set({ dispatchedAt: t }).where(and(eq(outbox.id, m.id), isNull(outbox.dispatchedAt))),
        deps.db.run(requireChanged()),
        ...(rows.length ? [deps.db.insert(webhookDeliveries).values(rows)] : []),
      ]);
      created += rows.length;
    } catch (err) {
      if (!isGuardFailure(err)) throw err;
    }
  }
  return created;
}
