import { and, eq } from "drizzle-orm";
import { auditLog, webhookDeliveries, webhookEndpoints } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { loadEndpoint } from "./endpoint-access.ts";

/** Removes the endpoint and its delivery records; messages not yet sent to it are dropped. */
export async function deleteWebhookEndpoint({ deps, caller, id, requestId }: { deps: Deps; caller: Principal; id: string; requestId?: string }) {
  const row = await loadEndpoint(deps, caller, id);
  await deps.db.batch([
    deps.db.delete(webhookDeliveries).where(and(eq(webhookDeliveries.endpointId, row.id), eq(webhookDeliveries.jurisdictionId, caller.jurisdictionId))),
    deps.db.delete(webhookEndpoints).where(and(eq(webhookEndpoints.id, row.id), eq(webhookEndpoints.jurisdictionId, caller.jurisdictionId))),
    deps.db.insert(auditLog).values(auditEntry(caller, deps.now(), { action: "webhook.deleted", subjectType: "webhook_endpoint", subjectId: row.id, requestId })),
  ]);
}

