import type { agencies } from "../../db/schema/index.ts";
import { iso } from "../../lib/time.ts";

/** An agency's phone is its office's public number, not personal data: shown as stored. */
export function presentAgency(row: typeof agencies.$inferSelect) {
  return { id: row.id, name: row.name, kind: row.kind, area_id: row.areaId, phone: row.phone, created_at: iso(row.createdAt) };
}
