import type { volunteerLeads } from "../../db/schema/index.ts";
import { iso, isoOrNull } from "../../lib/time.ts";

export type LeadRow = typeof volunteerLeads.$inferSelect;

export function presentLead(row: LeadRow) {
  return {
    id: row.id,
    user_id: row.userId,
    task_id: row.taskId,
    text: row.text,
    location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    area_id: row.areaId,
    has_photo: row.photoKey !== null,
    status: row.status,
    request_id: row.requestId,
    converted_at: isoOrNull(row.convertedAt),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}
