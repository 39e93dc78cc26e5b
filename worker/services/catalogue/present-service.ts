import type { services } from "../../db/schema/index.ts";
import { iso } from "../../lib/time.ts";

export type ServiceRow = typeof services.$inferSelect;

export function presentAttribute(a: ServiceRow["attributes"][number]) {
  return {
    code: a.code,
    datatype: a.datatype,
    required: a.required,
    variable: a.variable,
    order: a.order,
    description: a.description,
    description_en: a.descriptionEn,
    datatype_description: a.datatypeDescription,
    values: a.values ? a.values.map((v) => ({ key: v.key, name: v.name, name_en: v.nameEn })) : null,
  };
}

export function presentService(row: ServiceRow) {
  return {
    code: row.code,
    names: { "zh-CN": row.nameZh, en: row.nameEn },
    descriptions: { "zh-CN": row.descriptionZh, en: row.descriptionEn },
    group: row.group,
    keywords: row.keywords,
    attributes: [...row.attributes].sort((a, b) => a.order - b.order).map(presentAttribute),
    default_agency_id: row.defaultAgencyId,
    default_urgency: row.defaultUrgency,
    sla: { first_response_minutes: row.firstResponseMinutes, resolution_hours: row.resolutionHours },
    active: row.active,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}
