import { auditLog, services } from "../../db/schema/index.ts";
import type { ServiceGroup, Urgency } from "../../db/schema/services.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { toStoredAttributes, type AttributeInput } from "./attribute-input.ts";
import { findAgency } from "./find-agency.ts";
import { isGuardFailure, requireChanged } from "../../db/guard.ts";

export interface ServiceInput {
  code: string;
  names: { "zh-CN": string; en: string };
  descriptions?: { "zh-CN"?: string | null; en?: string | null };
  group: ServiceGroup;
  keywords?: string[];
  attributes?: AttributeInput[];
  default_agency_id?: string | null;
  default_urgency?: Urgency;
  sla: { first_response_minutes: number; resolution_hours: number };
}

export async function createService({ deps, caller, input, requestId }: { deps: Deps; caller: Principal; input: ServiceInput; requestId?: string }) {
  assertAdmin(caller);
  if (input.default_agency_id) await findAgency(deps, caller.jurisdictionId, input.default_agency_id, "/body/default_agency_id");
  const t = deps.now();
  const row = {
    id: newId("service"),
    jurisdictionId: caller.jurisdictionId,
    code: input.code,
    nameZh: input.names["zh-CN"],
    nameEn: input.names.en,
    descriptionZh: input.descriptions?.["zh-CN"] ?? null,
    descriptionEn: input.descriptions?.en ?? null,
    group: input.group,
    keywords: input.keywords ?? [],
    attributes: toStoredAttributes(input.attributes ?? []),
    defaultAgencyId: input.default_agency_id ?? null,
    defaultUrgency: input.default_urgency ?? "normal",
    firstResponseMinutes: input.sla.first_response_minutes,
    resolutionHours: input.sla.resolution_hours,
    active: true,
    createdAt: t,
    updatedAt: t,
  } satisfies typeof services.$inferInsert;
  // The audit row is written only with the row it records: a taken code rolls both back.
  await deps.db
    .batch([
      deps.db.insert(services).values(row).onConflictDoNothing(),
      deps.db.run(requireChanged()),
      deps.db.insert(auditLog).values(auditEntry(caller, t, { action: "service.created", subjectType: "service", subjectId: row.id, requestId })),
    ])
    .catch((err) => {
      throw isGuardFailure(err) ? new AppError("conflict", "A service with this code already exists.") : err;
    });
  return row;
}
