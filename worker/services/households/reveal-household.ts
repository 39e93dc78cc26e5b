import { auditLog } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { assertRevealer } from "../../lib/authz.ts";
import { findHousehold } from "./list-households.ts";

/**
 * The full address, for an admin printing plates or an officer (within their areas, through a
 * staff key: see `assertRevealer`) visiting. Outside the officer's areas the household does not
 * exist (404). The audit row is written before the address is returned.
 */
export async function revealHousehold({ deps, caller, id, reason, requestId }: { deps: Deps; caller: Principal; id: string; reason: string; requestId?: string }) {
  assertRevealer(caller);
  const row = await findHousehold(deps, caller, id);
  await deps.db.insert(auditLog).values(
    auditEntry(caller, deps.now(), { action: "personal_data.revealed", subjectType: "household", subjectId: id, detail: { fields: ["address"], reason }, requestId }),
  );
  return { id: row.id, address: row.address };
}
