import { and, eq, isNull, sql } from "drizzle-orm";
import { apiKeys, auditLog } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { forgetKeyId, lineageOf } from "../auth/key-lookup.ts";
import { mintKeySecret } from "./key-secret.ts";
import { getKey } from "./list-keys.ts";

type KeyRow = typeof apiKeys.$inferSelect;

/** A successor of the key that is not revoked: one already replaces it. */
const liveSuccessor = (deps: Deps, id: string) =>
  deps.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.rotatedFrom, id), isNull(apiKeys.revokedAt)))
    .limit(1);

function refusal(old: KeyRow, t: number, successor: { id: string } | undefined): AppError | undefined {
  if (old.revokedAt !== null || (old.expiresAt !== null && old.expiresAt <= t)) {
    return new AppError("conflict", "A revoked or expired key cannot be rotated; create a new key.");
  }
  if (successor) {
    return new AppError("conflict", `This key was rotated already and is in its grace period; rotate its successor ${successor.id} instead.`, {
      extensions: { successor_id: successor.id },
    });
  }
  return undefined;
}

/**
 * A new key with the same name, kind, scopes and lineage; the old one keeps working for the
 * grace period so deployed kiosks and apps can switch without downtime.
 *
 * A key is rotated once: while it has a successor that is not revoked, rotating it again is 409
 * naming that successor (two live successors would leave the old secret's holders guessing which
 * one is theirs). If the successor was revoked, the key may be rotated again within its grace.
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
  const [successor] = await liveSuccessor(deps, old.id);
  const refused = refusal(old, t, successor);
  if (refused) throw refused;
  const { secret, prefix, hash } = await mintKeySecret();
  const graceEnd = t + graceSeconds * 1000;
  const row = { ...old, id: newId("apiKey"), prefix, hash, lastUsedAt: null, rotatedFrom: old.id, lineageId: lineageOf(old), createdAt: t };
  try {
    await deps.db.batch([
      // The conditions are checked again in the batch's transaction, so of two concurrent
      // rotations of one key exactly one makes a successor.
      deps.db
        .update(apiKeys)
        .set({ expiresAt: old.expiresAt === null ? graceEnd : Math.min(old.expiresAt, graceEnd) })
        .where(
          and(
            eq(apiKeys.id, old.id),
            eq(apiKeys.jurisdictionId, caller.jurisdictionId),
            isNull(apiKeys.revokedAt),
            sql`(${apiKeys.expiresAt} IS NULL OR ${apiKeys.expiresAt} > ${t})`,
            sql`NOT EXISTS (SELECT 1 FROM ${apiKeys} AS successor WHERE successor.rotated_from = ${old.id} AND successor.revoked_at IS NULL)`,
          ),
        ),
      deps.db.run(requireChanged()),
      deps.db.insert(apiKeys).values(row),
      deps.db.insert(auditLog).values(
        auditEntry(caller, t, { action: "key.rotated", subjectType: "api_key", subjectId: row.id, detail: { from: old.id, grace_seconds: graceSeconds }, requestId }),
      ),
    ]);
  } catch (err) {
    if (!isGuardFailure(err)) throw err;
    // Lost a race: say why, from the key as it is now.
    const now = await getKey({ deps, caller, id });
    const [winner] = await liveSuccessor(deps, old.id);
    throw refusal(now, t, winner) ?? new AppError("conflict", "The key was changed by another request; read it again and retry.");
  }
  forgetKeyId(deps, old.id);
  return { row, secret };
}
