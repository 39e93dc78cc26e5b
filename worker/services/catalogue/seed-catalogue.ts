import { services } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { toStoredAttributes } from "./attribute-input.ts";
import { catalogueSeed } from "./catalogue-seed.ts";

/**
 * Gives a jurisdiction the standard catalogue. Idempotent: services whose code already exists
 * are left as the admin edited them. `defaultAgencies` maps a service code or a group to the
 * agency the desk usually dispatches it to.
 */
export async function seedCatalogue(
  deps: Deps,
  jurisdictionId: string,
  opts: { defaultAgencies?: Record<string, string> } = {},
): Promise<number> {
  const t = deps.now();
  const rows = catalogueSeed.map((s) => ({
    id: newId("service"),
    jurisdictionId,
    code: s.code,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    descriptionZh: s.descriptionZh,
    descriptionEn: s.descriptionEn,
    group: s.group,
    keywords: s.keywords,
    attributes: toStoredAttributes(s.attributes),
    defaultAgencyId: opts.defaultAgencies?.[s.code] ?? opts.defaultAgencies?.[s.group] ?? null,
    defaultUrgency: s.urgency,
    firstResponseMinutes: s.firstResponseMinutes,
    resolutionHours: s.resolutionHours,
    active: true,
    createdAt: t,
    updatedAt: t,
  }));
  const res = await deps.db.insert(services).values(rows).onConflictDoNothing();
  return res.rowsAffected;
}
