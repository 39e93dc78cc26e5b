import { and, eq, isNull } from "drizzle-orm";
import { apiKeys, auditLog } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { requireChanged } from "../../db/guard.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { forgetKeyId } from "../auth/key-lookup.ts";
import { mintKeySecret } from "./key-secret.ts";
import { getKey } from "./list-keys.ts";

/**
 * A new key with the same name, kind and scopes; the old one keeps working for the grace period
 * so deployed kiosks and apps can switch without downtime.
 */
export async function rotateKey({
  deps,
  caller,
  id,
  graceSeconds,
  requestId,
}: { deps: Deps; caller: Principal; id: string; graceSeconds: number; requestId?: string }) {
  const old = await getKey({ deps, caller, id });
  const t = deps.now();
  if (old.revokedAt !== null || (old.expiresAt !== null && old.expiresAt <= t)) {
    throw new AppError("conflict", "A revoked or expired key cannot be rotated; create a new key.");
  }
  const { secret, prefix, hash } = await mintKeySecret();
  const graceEnd = t + graceSeconds * 1000;
  const row = { ...old, id: newId("apiKey"), prefix, hash, lastUsedAt: null, rotatedFrom: old.id, createdAt: t };
  await deps.db.batch([
    deps.db
      .update(apiKeys)
      .set({ expiresAt: old.expiresAt === null ? graceEnd : Math.min(old.expiresAt, graceEnd) })
      .where(and(eq(apiKeys.id, old.id), eq(apiKeys.jurisdictionId, caller.jurisdictionId), isNull(apiKeys.revokedAt))),
    deps.db.run(requireChanged()),
    deps.db.insert(apiKeys).values(row),
    deps.db.insert(auditLog).values(
      auditEntry(caller, t, { action: "key.rotated", subjectType: "api_key", subjectId: row.id, detail: { from: old.id, grace_seconds: graceSeconds }, requestId }),
    ),
  ]);
  forgetKeyId(deps, old.id);
  return { row, secret };
}
