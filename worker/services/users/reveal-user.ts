import { and, eq } from "drizzle-orm";
import { auditLog, users } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertRole, isAdmin } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";

/**
 * The unmasked name, phone and subject of a user, for an admin or an officer who must call them
 * back. The audit row (who, whom, why) is written before the data is returned, so a reveal that
 * could not be recorded reveals nothing.
 */
export async function revealUser({ deps, caller, id, reason, requestId }: { deps: Deps; caller: Principal; id: string; reason: string; requestId?: string }) {
  if (!caller.user && !isAdmin(caller)) throw new AppError("forbidden", "Only an administrator or an officer may reveal personal data.");
  assertRole(caller, "admin", "officer");
  const [row] = await deps.db.select().from(users).where(and(eq(users.id, id), eq(users.jurisdictionId, caller.jurisdictionId)));
  if (!row) throw new AppError("not_found", "No such user.");
  await deps.db.insert(auditLog).values(
    auditEntry(caller, deps.now(), {
      action: "personal_data.revealed",
      subjectType: "user",
      subjectId: row.id,
      detail: { fields: ["display_name", "phone", "subject"], reason },
      requestId,
    }),
  );
  return { id: row.id, display_name: row.displayName, phone: row.phone, subject_type: row.subjectType, subject: row.subject };
}
