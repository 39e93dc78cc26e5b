import { and, eq } from "drizzle-orm";
import { requireChanged } from "../../db/guard.ts";
import { auditLog, userAreas } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { findArea } from "./get-area.ts";

export async function removeMember({
  deps,
  caller,
  areaId,
  userId,
  requestId,
}: { deps: Deps; caller: Principal; areaId: string; userId: string; requestId?: string }) {
  assertAdmin(caller);
  await findArea(deps, caller.jurisdictionId, areaId);
  const where = and(eq(userAreas.areaId, areaId), eq(userAreas.userId, userId));
  const [existing] = await deps.db.select().from(userAreas).where(where);
  if (!existing) throw new AppError("not_found", "This user has no duty in this area.");
  await deps.db.batch([
    deps.db.delete(userAreas).where(where),
    deps.db.run(requireChanged()),
    deps.db
      .insert(auditLog)
      .values(auditEntry(caller, deps.now(), { action: "area.member_removed", subjectType: "user", subjectId: userId, detail: { area_id: areaId, duty: existing.duty }, requestId })),
  ]);
}
