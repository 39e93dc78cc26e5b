import { auditLog, webhookEndpoints } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { findAgency } from "../catalogue/find-agency.ts";
import { checkEndpointUrl } from "./endpoint-url.ts";
import { managerAgency, type EndpointRow } from "./endpoint-access.ts";
import { newSigningSecret, sealSecret } from "./secret.ts";

export interface EndpointInput {
  url: string;
  agency_id?: string | null;
  event_types?: string[];
  description?: string | null;
}

/** Registers an endpoint; the signing secret is in this answer only. */
export async function createWebhookEndpoint({ deps, caller, input, requestId }: { deps: Deps; caller: Principal; input: EndpointInput; requestId?: string }) {
  const scope = managerAgency(caller);
  const agencyId = scope.any ? (input.agency_id ?? null) : scope.agencyId;
  if (!scope.any && input.agency_id && input.agency_id !== scope.agencyId) throw new AppError("forbidden", "You manage only your agency's endpoints.");
  if (agencyId) await findAgency(deps, caller.jurisdictionId, agencyId, "/body/agency_id");
  const url = checkEndpointUrl(input.url, deps.config);
  const secret = newSigningSecret();
  const t = deps.now();
  const row: EndpointRow = {
    id: newId("webhook"),
    jurisdictionId: caller.jurisdictionId,
    agencyId,
    url,
    description: input.description ?? null,
    eventTypes: input.event_types ?? [],
    secretSealed: await sealSecret(deps.config, secret),
    previousSecretSealed: null,
    previousSecretExpiresAt: null,
    status: "active",
    disabledReason: null,
    createdAt: t,
    updatedAt: t,
  };
  await deps.db.batch([
    deps.db.insert(webhookEndpoints).values(row),
    deps.db.insert(auditLog).values(auditEntry(caller, t, { action: "webhook.created", subjectType: "webhook_endpoint", subjectId: row.id, detail: { agency_id: agencyId }, requestId })),
  ]);
  return { row, secret };
}

