import type { alerts } from "../../db/schema/index.ts";
import { iso, isoOrNull } from "../../lib/time.ts";

export type AlertRow = typeof alerts.$inferSelect;

/** `expired` is derived, never stored: a published version past its expiry. */
export function presentedStatus(row: Pick<AlertRow, "status" | "expiresAt">, now: number) {
  if (row.status === "published" && row.expiresAt !== null && row.expiresAt <= now) return "expired" as const;
  return row.status;
}

export const capPath = (id: string) => `/v1/alerts/${id}/cap.xml`;

/** Content shared by the management view and the inbox. */
export function presentAlertContent(row: AlertRow) {
  return {
    id: row.id,
    chain_id: row.chainId,
    version: row.versionNo,
    msg_type: row.msgType,
    kind: row.kind,
    severity: row.severity,
    urgency: row.urgency,
    certainty: row.certainty,
    title_zh: row.titleZh,
    body_zh: row.bodyZh,
    instruction_zh: row.instructionZh,
    title_en: row.titleEn,
    body_en: row.bodyEn,
    instruction_en: row.instructionEn,
    media: row.media,
    effective_at: isoOrNull(row.effectiveAt),
    expires_at: isoOrNull(row.expiresAt),
    sent_at: isoOrNull(row.sentAt),
    cap_url: capPath(row.id),
  };
}

export function presentAlert(row: AlertRow, now: number) {
  return {
    ...presentAlertContent(row),
    status: presentedStatus(row, now),
    supersedes_id: row.supersedesId,
    superseded_by_id: row.supersededById,
    area_ids: row.areaIds,
    whole_jurisdiction: row.wholeJurisdiction,
    note: row.note,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export const etagOf = (row: Pick<AlertRow, "id" | "rowVersion">) => `"${row.id}.${row.rowVersion}"`;
