import { auditLog } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { loadRequest } from "./load-request.ts";
import { isStaffViewer } from "./viewer.ts";

/** Staff who must call the resident back get the unmasked contact; each reveal is audited. */
export async function revealServiceRequestContact({ deps, caller, id, requestId }: { deps: Deps; caller: Principal; id: string; requestId?: string }) {
  const { row, viewer } = await loadRequest(deps, caller, id);
  if (!isStaffViewer(viewer)) throw new AppError("forbidden", "Only staff handling the request may reveal the contact.");
  await deps.db.insert(auditLog).values(
    auditEntry(caller, deps.now(), { action: "request.contact_revealed", subjectType: "service_request", subjectId: row.id, requestId }),
  );
  return { name: row.reporterName, phone: row.reporterPhone, address: row.address };
}
