import { and, eq } from "drizzle-orm";
import { requireChanged } from "../../db/guard.ts";
import { auditLog, webhookEndpoints } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { loadEndpoint, type EndpointRow } from "./endpoint-access.ts";
import { newSigningSecret, sealSecret } from "./secret.ts";

/**
 * A new signing secret for an endpoint, shown in this answer only. For `graceSeconds` the old
 * secret keeps signing too: each delivery carries both signatures, space-separated, as Standard
 * Webhooks provides for rotation, so the receiver can switch secrets without refusing a delivery.
 * Conditional on the secret it replaces, so of two concurrent rotations one wins and one gets 409.
 */
export async function rotateWebhookSecret({
  deps,
  caller,
  id,
  graceSeconds,
  requestId,
}: {
  deps: Deps;
  caller: Principal;
  id: string;
  graceSeconds: number;
  requestId?: string;
}): Promise<{ row: EndpointRow; secret: string }> {
  const current = await loadEndpoint(deps, caller, id);
  const secret = newSigningSecret();
  const t = deps.now();
  const keepOld = graceSeconds > 0;
  const change = {
    secretSealed: await sealSecret(deps.config, secret),
    previousSecretSealed: keepOld ? current.secretSealed : null,
    previousSecretExpiresAt: keepOld ? t + graceSeconds * 1000 : null,
    updatedAt: t,
  };
  const e = webhookEndpoints;
  await deps.db.batch([
    deps.db
      .update(e)
      .set(change)
      .where(and(eq(e.id, current.id), eq(e.jurisdictionId, current.jurisdictionId), eq(e.secretSealed, current.secretSealed))),
    deps.db.run(requireChanged()),
    deps.db.insert(auditLog).values(
      auditEntry(caller, t, { action: "webhook.secret_rotated", subjectType: "webhook_endpoint", subjectId: current.id, detail: { grace_seconds: graceSeconds }, requestId }),
    ),
  ]);
  return { row: { ...current, ...change }, secret };
}
