import type { AlertMedia, alerts } from "../../db/schema/index.ts";
import { AppError } from "../../lib/problem.ts";

/** The API's alert content fields (snake_case, RFC 3339 times), as validated by the route. */
export interface AlertContentInput {
  kind?: (typeof alerts.$inferInsert)["kind"];
  severity?: (typeof alerts.$inferInsert)["severity"];
  urgency?: (typeof alerts.$inferInsert)["urgency"];
  certainty?: (typeof alerts.$inferInsert)["certainty"];
  title_zh?: string;
  body_zh?: string;
  instruction_zh?: string;
  title_en?: string;
  body_en?: string;
  instruction_en?: string;
  media?: AlertMedia[];
  area_ids?: string[];
  whole_jurisdiction?: boolean;
  effective_at?: string;
  expires_at?: string;
  note?: string;
}

/** Table columns changed by `input`; absent fields are left out so they keep their values. */
export function contentColumns(input: AlertContentInput) {
  const out: Partial<typeof alerts.$inferInsert> = {};
  if (input.kind !== undefined) out.kind = input.kind;
  if (input.severity !== undefined) out.severity = input.severity;
  if (input.urgency !== undefined) out.urgency = input.urgency;
  if (input.certainty !== undefined) out.certainty = input.certainty;
  if (input.title_zh !== undefined) out.titleZh = input.title_zh;
  if (input.body_zh !== undefined) out.bodyZh = input.body_zh;
  if (input.instruction_zh !== undefined) out.instructionZh = input.instruction_zh;
  if (input.title_en !== undefined) out.titleEn = input.title_en;
  if (input.body_en !== undefined) out.bodyEn = input.body_en;
  if (input.instruction_en !== undefined) out.instructionEn = input.instruction_en;
  if (input.media !== undefined) out.media = input.media;
  if (input.whole_jurisdiction) {
    out.wholeJurisdiction = true;
    out.areaIds = [];
  } else if (input.area_ids !== undefined) {
    out.wholeJurisdiction = false;
    out.areaIds = [...new Set(input.area_ids)];
  }
  if (input.effective_at !== undefined) out.effectiveAt = Date.parse(input.effective_at);
  if (input.expires_at !== undefined) out.expiresAt = Date.parse(input.expires_at);
  if (input.note !== undefined) out.note = input.note;
  return out;
}

/** After merging, the times must still make sense: checked on every write, not only on create. */
export function assertTimes(row: { effectiveAt: number | null; expiresAt: number | null }, sentAt: number | null) {
  if (sentAt !== null && row.expiresAt !== null && row.expiresAt <= sentAt) {
    throw new AppError("unprocessable", "The alert has already expired; change expires_at before sending it.");
  }
  const effective = row.effectiveAt ?? sentAt;
  if (row.expiresAt !== null && effective !== null && row.expiresAt <= effective) {
    throw new AppError("validation_failed", "The alert would expire before it takes effect.", {
      extensions: { errors: [{ pointer: "/body/expires_at", detail: "must be after effective_at (or the send time)" }] },
    });
  }
}
