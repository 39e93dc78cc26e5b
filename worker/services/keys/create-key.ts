import { apiKeys, auditLog } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { defaultScopes, type Scope } from "../../lib/scopes.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { mintKeySecret } from "./key-secret.ts";

export interface CreateKeyInput {
  name: string;
  kind: keyof typeof defaultScopes;
  scopes?: Scope[];
  expires_at?: string | null;
}

export async function createKey({ deps, caller, input, requestId }: { deps: Deps; caller: Principal; input: CreateKeyInput; requestId?: string }) {
  assertAdmin(caller);
  const t = deps.now();
  const expiresAt = input.expires_at ? Date.parse(input.expires_at) : null;
  if (expiresAt !== null && expiresAt <= t) {
    throw new AppError("validation_failed", "expires_at must be in the future.", {
      extensions: { errors: [{ pointer: "/body/expires_at", detail: "must be in the future" }] },
    });
  }
  const { secret, prefix, hash } = await mintKeySecret();
  const id = newId("apiKey");
  const row = {
    id,
    jurisdictionId: caller.jurisdictionId,
    name: input.name,
    kind: input.kind,
    prefix,
    hash,
    scopes: input.scopes ?? defaultScopes[input.kind],
    expiresAt,
    revokedAt: null,
    lastUsedAt: null,
    rotatedFrom: null,
    // A new key starts its own lineage; rotations hand it on (rotate-key.ts).
    lineageId: id,
    createdAt: t,
  };
  await deps.db.batch([
    deps.db.insert(apiKeys).values(row),
    deps.db.insert(auditLog).values(
      auditEntry(caller, t, { action: "key.created", subjectType: "api_key", subjectId: row.id, detail: { kind: row.kind, scopes: row.scopes }, requestId }),
    ),
  ]);
  return { row, secret };
}
