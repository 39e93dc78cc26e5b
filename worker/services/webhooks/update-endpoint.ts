import { and, eq } from "drizzle-orm";
import { webhookEndpoints } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { checkEndpointUrl } from "./endpoint-url.ts";
import { loadEndpoint, type EndpointRow } from "./endpoint-access.ts";

/** Change URL, event types or description; `enabled: true` re-activates an endpoint disabled by a 410 or by hand. */
export async function updateWebhookEndpoint({
  deps,
  caller,
  id,
  patch,
}: {
  deps: Deps;
  caller: Principal;
  id: string;
  patch: { url?: string; event_types?: string[]; description?: string | null; enabled?: boolean };
}) {
  const row = await loadEndpoint(deps, caller, id);
  const t = deps.now();
  const set: Partial<EndpointRow> = { updatedAt: t };
  if (patch.url !== undefined) set.url = checkEndpointUrl(patch.url, deps.config);
  if (patch.event_types !== undefined) set.eventTypes = patch.event_types;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.enabled !== undefined) {
    set.status = patch.enabled ? "active" : "disabled";
    set.disabledReason = patch.enabled ? null : "disabled by an administrator";
  }
  await deps.db.update(webhookEndpoints).set(set).where(and(eq(webhookEndpoints.id, row.id), eq(webhookEndpoints.jurisdictionId, caller.jurisdictionId)));
  return { ...row, ...set };
}

