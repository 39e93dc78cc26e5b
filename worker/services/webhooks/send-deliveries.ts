import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { outbox, webhookDeliveries as d, webhookEndpoints } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { iso } from "../../lib/time.ts";
import { unsealSecret } from "./secret.ts";

/** Seconds to wait after each failed attempt (Standard Webhooks' suggested schedule), then give up. */
export const RETRY_AFTER_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600];
export const MAX_ATTEMPTS = RETRY_AFTER_SECONDS.length + 1;
const BATCH = 50;
const PARALLEL = 10;
const TIMEOUT_MS = 10_000;
const LEASE_MS = 2 * TIMEOUT_MS;

type Delivery = typeof d.$inferSelect;

/** The body receivers get: Standard Webhooks' recommended envelope, identical on every retry. */
export const envelope = (m: typeof outbox.$inferSelect) => JSON.stringify({ type: m.type, timestamp: iso(m.createdAt), data: m.payload });

/**
 * Sends due deliveries, signed per Standard Webhooks (`webhook-id` = the outbox id,
 * `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`). 2xx: done. 410 Gone: the
 * receiver asks us to stop, so the endpoint is disabled. Anything else: retried on the schedule
 * above. Each delivery is leased by a conditional UPDATE first, so overlapping runs send it once.
 */
export async function sendDueDeliveries(deps: Deps): Promise<{ sent: number; failed: number }> {
  const t = deps.now();
  const due = await deps.db
    .select()
    .from(d)
    .where(or(and(eq(d.status, "pending"), lte(d.nextAttemptAt, t)), and(eq(d.status, "delivering"), lt(d.leaseUntil, t))))
    .orderBy(asc(d.nextAttemptAt))
    .limit(BATCH);
  let sent = 0;
  let failed = 0;
  const endpointIds = [...new Set(due.map((x) => x.endpointId))];
  const messageIds = [...new Set(due.map((x) => x.messageId))];
  const [endpoints, messages] = due.length
    ? await Promise.all([
        deps.db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, endpointIds)),
        deps.db.select().from(outbox).where(inArray(outbox.id, messageIds)),
      ])
    : [[], []];
  const endpointById = new Map(endpoints.map((e) => [e.id, e]));
  const messageById = new Map(messages.map((m) => [m.id, m]));

  const one = async (delivery: Delivery) => {
    const claimed = await deps.db
      .update(d)
      .set({ status: "delivering", leaseUntil: t + LEASE_MS })
      .where(and(eq(d.id, delivery.id), eq(d.status, delivery.status), eq(d.attempts, delivery.attempts)))
      .returning({ id: d.id });
    if (claimed.length === 0) return;
    const endpoint = endpointById.get(delivery.endpointId);
    const message = messageById.get(delivery.messageId);
    if (!endpoint || !message || endpoint.status !== "active") {
      await finish(delivery, { status: "failed", error: endpoint ? "endpoint disabled" : "endpoint or message gone" });
      failed++;
      return;
    }
    const body = envelope(message);
    let code: number | null = null;
    let error: string | null = null;
    try {
      const at = deps.now();
      // During a rotation's grace period the previous secret signs too (see rotate-secret.ts).
      const sealed = [endpoint.secretSealed];
      if (endpoint.previousSecretSealed && (endpoint.previousSecretExpiresAt ?? 0) > at) sealed.push(endpoint.previousSecretSealed);
      const signatures = await Promise.all(sealed.map(async (s) => new Webhook(await unsealSecret(deps.config, s)).sign(message.id, new Date(at), body)));
      const signature = signatures.join(" ");
      const res = await (deps.fetch ?? fetch)(endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "fengqiao-webhooks/1",
          "webhook-id": message.id,
          "webhook-timestamp": String(Math.floor(at / 1000)),
          "webhook-signature": signature,
        },
        body,
        // A redirect could point anywhere, including inside our network: treat it as a failure.
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      code = res.status;
      await res.body?.cancel().catch(() => {});
    } catch (err) {
      error = err instanceof Error && err.name === "TimeoutError" ? "timeout" : "connection failed";
    }
    if (code !== null && code >= 200 && code < 300) {
      await finish(delivery, { status: "succeeded", code });
      sent++;
    } else if (code === 410) {
      await finish(delivery, { status: "failed", code, error: "410 Gone: endpoint disabled" });
      await deps.db
        .update(webhookEndpoints)
        .set({ status: "disabled", disabledReason: "the receiver answered 410 Gone", updatedAt: deps.now() })
        .where(eq(webhookEndpoints.id, endpoint.id));
      endpoint.status = "disabled";
      failed++;
    } else {
      const attempts = delivery.attempts + 1;
      const wait = RETRY_AFTER_SECONDS[attempts - 1];
      const reason = error ?? `HTTP ${code}`;
      if (wait === undefined) {
        await finish(delivery, { status: "failed", code, error: reason });
        failed++;
      } else {
        await finish(delivery, { status: "pending", code, error: reason, nextAttemptAt: deps.now() + wait * 1000 });
      }
    }
  };

  async function finish(delivery: Delivery, r: { status: Delivery["status"]; code?: number | null; error?: string; nextAttemptAt?: number }) {
    const at = deps.now();
    await deps.db
      .update(d)
      .set({
        status: r.status,
        attempts: sql`${d.attempts} + 1`,
        leaseUntil: null,
        lastAttemptAt: at,
        lastStatusCode: r.code ?? null,
        lastError: r.error ?? null,
        deliveredAt: r.status === "succeeded" ? at : null,
        ...(r.nextAttemptAt !== undefined ? { nextAttemptAt: r.nextAttemptAt } : {}),
      })
      .where(eq(d.id, delivery.id));
  }

  for (let i = 0; i < due.length; i += PARALLEL) await Promise.all(due.slice(i, i + PARALLEL).map(one));
  return { sent, failed };
}
