import { and, eq } from "drizzle-orm";
import { requireChanged } from "../../db/guard.ts";
import { auditLog, households } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { findHousehold } from "./list-households.ts";
import { newDoorplateCode } from "./present-household.ts";

/**
 * A new code for a household whose plate was lost, defaced or photographed and posted: the old
 * code stops resolving at once. Conditional on the old code, so two reissues cannot interleave.
 */
export async function reissueDoorplate({ deps, caller, id, requestId }: { deps: Deps; caller: Principal; id: string; requestId?: string }) {
  assertAdmin(caller);
  const old = await findHousehold(deps, caller, id);
  const code = newDoorplateCode();
  await deps.db.batch([
    deps.db
      .update(households)
      .set({ doorplateCode: code })
      .where(and(eq(households.id, id), eq(households.jurisdictionId, caller.jurisdictionId), eq(households.doorplateCode, old.doorplateCode))),
    deps.db.run(requireChanged()),
    deps.db.insert(auditLog).values(auditEntry(caller, deps.now(), { action: "doorplate.reissued", subjectType: "household", subjectId: id, requestId })),
  ]);
  return { ...old, doorplateCode: code };
}
