import { apiKeys, auditLog, jurisdictions } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { defaultScopes } from "../../lib/scopes.ts";
import { mintKeySecret } from "../keys/key-secret.ts";

/**
 * Bootstraps a tenant with its first admin key. Operators run this (the demo seed, the CLI);
 * there is deliberately no HTTP route, since no tenant's credential may create another tenant.
 */
export async function createJurisdiction(deps: Deps, input: { code: string; name: string; timezone?: string }) {
  const t = deps.now();
  const jurisdiction = { id: newId("jurisdiction"), code: input.code, name: input.name, timezone: input.timezone ?? "Asia/Shanghai", createdAt: t };
  const { secret, prefix, hash } = await mintKeySecret();
  const key = {
    id: newId("apiKey"),
    jurisdictionId: jurisdiction.id,
    name: "Bootstrap administrator",
    kind: "admin" as const,
    prefix,
    hash,
    scopes: defaultScopes.admin,
    createdAt: t,
  };
  await deps.db.batch([
    deps.db.insert(jurisdictions).values(jurisdiction),
    deps.db.insert(apiKeys).values(key),
    deps.db.insert(auditLog).values({
      id: newId("audit"),
      jurisdictionId: jurisdiction.id,
      actor: "operator",
      action: "key.created",
      subjectType: "api_key",
      subjectId: key.id,
      detail: { kind: "admin", bootstrap: true },
      at: t,
    }),
  ]);
  return { jurisdiction, adminKey: secret, adminKeyId: key.id };
}
