import { auditLog } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertRole, isAdmin } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { findHousehold } from "./list-households.ts";

/** The full address, for an admin printing plates or an officer (within their areas) visiting. Audited. */
export async function revealHousehold({ deps, caller, id, reason, requestId }: { deps: Deps; caller: Principal; id: string; reason: string; requestId?: string }) {
  if (!caller.user && !isAdmin(caller)) throw new AppError("forbidden", "Only an administrator or an officer may reveal personal data.");
  assertRole(caller, "admin", "officer");
  const row = await findHousehold(deps, caller, id);
  await deps.db.insert(auditLog).values(
    auditEntry(caller, deps.now(), { action: "personal_data.revealed", subjectType: "household", subjectId: id, detail: { fields: ["address"], reason }, requestId }),
  );
  return { id: row.id, address: row.address };
}
