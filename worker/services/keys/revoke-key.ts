import { and, eq, isNull } from "drizzle-orm";
import { apiKeys, auditLog } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { forgetKeyId } from "../auth/key-lookup.ts";
import { getKey } from "./list-keys.ts";

/** Revoking is idempotent: revoking a revoked key answers the key as it is. */
export async function revokeKey({ deps, caller, id, requestId }: { deps: Deps; caller: Principal; id: string; requestId?: string }) {
  const existing = await getKey({ deps, caller, id });
  if (existing.revokedAt === null) {
    const t = deps.now();
    await deps.db.batch([
      deps.db
        .update(apiKeys)
        .set({ revokedAt: t })
        .where(and(eq(apiKeys.id, id), eq(apiKeys.jurisdictionId, caller.jurisdictionId), isNull(apiKeys.revokedAt))),
      deps.db.insert(auditLog).values(auditEntry(caller, t, { action: "key.revoked", subjectType: "api_key", subjectId: id, requestId })),
    ]);
    forgetKeyId(deps, id);
  }
  return getKey({ deps, caller, id });
}
