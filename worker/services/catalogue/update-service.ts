import { and, eq } from "drizzle-orm";
import { auditLog, services } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { toStoredAttributes } from "./attribute-input.ts";
import type { ServiceInput } from "./create-service.ts";
import { findAgency } from "./find-agency.ts";
import { forgetService, getService } from "./get-service.ts";

export type ServicePatch = Partial<Omit<ServiceInput, "code" | "sla" | "names">> & {
  names?: Partial<ServiceInput["names"]>;
  sla?: Partial<ServiceInput["sla"]>;
  active?: boolean;
};

/**
 * Edits apply to requests filed afterwards: a request keeps the answers it was validated with,
 * and its due times were fixed when it was dispatched.
 */
export async function updateService({
  deps,
  caller,
  code,
  patch,
  requestId,
}: { deps: Deps; caller: Principal; code: string; patch: ServicePatch; requestId?: string }) {
  assertAdmin(caller);
  const old = await getService({ deps, jurisdictionId: caller.jurisdictionId, code, fresh: true });
  if (patch.default_agency_id) await findAgency(deps, caller.jurisdictionId, patch.default_agency_id, "/body/default_agency_id");
  const t = deps.now();
  const set: Partial<typeof services.$inferInsert> = { updatedAt: t };
  if (patch.names?.["zh-CN"] !== undefined) set.nameZh = patch.names["zh-CN"];
  if (patch.names?.en !== undefined) set.nameEn = patch.names.en;
  if (patch.descriptions?.["zh-CN"] !== undefined) set.descriptionZh = patch.descriptions["zh-CN"];
  if (patch.descriptions?.en !== undefined) set.descriptionEn = patch.descriptions.en;
  if (patch.group !== undefined) set.group = patch.group;
  if (patch.keywords !== undefined) set.keywords = patch.keywords;
  if (patch.attributes !== undefined) set.attributes = toStoredAttributes(patch.attributes);
  if (patch.default_agency_id !== undefined) set.defaultAgencyId = patch.default_agency_id;
  if (patch.default_urgency !== undefined) set.defaultUrgency = patch.default_urgency;
  if (patch.sla?.first_response_minutes !== undefined) set.firstResponseMinutes = patch.sla.first_response_minutes;
  if (patch.sla?.resolution_hours !== undefined) set.resolutionHours = patch.sla.resolution_hours;
  if (patch.active !== undefined) set.active = patch.active;
  await deps.db.batch([
    deps.db
      .update(services)
      .set(set)
      .where(and(eq(services.id, old.id), eq(services.jurisdictionId, caller.jurisdictionId), eq(services.updatedAt, old.updatedAt))),
    deps.db.run(requireChanged()),
    deps.db.insert(auditLog).values(
      auditEntry(caller, t, { action: "service.updated", subjectType: "service", subjectId: old.id, detail: { fields: Object.keys(patch) }, requestId }),
    ),
  ]);
  forgetService(deps, caller.jurisdictionId, code);
  return { ...old, ...set } as typeof old;
}
