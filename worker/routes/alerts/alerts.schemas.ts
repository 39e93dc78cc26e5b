import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";
import { readerKinds } from "../../db/schema/alert-receipts.ts";
import { alertKinds, capCertainties, capMsgTypes, capSeverities, capUrgencies } from "../../db/schema/alerts.ts";

export const alertPresentedStatuses = ["draft", "published", "superseded", "cancelled", "expired"] as const;

const ts = (description: string) => z.iso.datetime({ offset: true }).openapi({ description, example: "2026-03-02T09:00:00+08:00" });

export const AlertMediaSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .openapi({ description: "Where the image, video or document is served.", example: "https://fq.example.gov.cn/media/anti-fraud-2026-03.mp4" }),
    mime_type: z
      .string()
      .regex(/^[a-zA-Z]+\/[a-zA-Z0-9.+-]+$/, "a MIME type such as image/jpeg")
      .max(100)
      .openapi({ description: "Its media type (CAP `mimeType`).", example: "video/mp4" }),
    description: visibleText(200).openapi({ description: "What it shows (CAP `resourceDesc`).", example: "反诈宣传短片" }),
  })
  .strict()
  .openapi("AlertMedia");

const content = {
  kind: z.enum(alertKinds).openapi({ description: "What the alert is about.", example: "fraud_warning" }),
  severity: z.enum(capSeverities).openapi({ description: "CAP severity.", example: "Severe" }),
  urgency: z.enum(capUrgencies).openapi({ description: "CAP urgency.", example: "Immediate" }),
  certainty: z.enum(capCertainties).openapi({ description: "CAP certainty.", example: "Observed" }),
  title_zh: visibleText(120).openapi({ description: "Headline in Chinese (CAP `headline`).", example: "警惕冒充公检法“安全账户”诈骗" }),
  body_zh: z
    .string()
    .trim()
    .min(1)
    .max(5000)
    .openapi({ description: "Text in Chinese (CAP `description`).", example: "近期有骗子冒充公安民警来电，称您的银行卡涉嫌洗钱，要求转账至“安全账户”。" }),
  instruction_zh: visibleText(2000).optional().openapi({ description: "What to do (CAP `instruction`).", example: "公检法机关不会要求转账，接到此类电话请立即挂断并拨打96110。" }),
  title_en: visibleText(120).optional().openapi({ description: "Optional English headline; needs `body_en`." }),
  body_en: visibleText(5000).optional().openapi({ description: "Optional English text; needs `title_en`." }),
  instruction_en: visibleText(2000).optional(),
  media: z.array(AlertMediaSchema).max(10).optional().openapi({ description: "Links to images, videos or documents." }),
  area_ids: z
    .array(z.string().max(64))
    .min(1)
    .max(50)
    .optional()
    .openapi({ description: "Targeted areas; every area under them is covered too. Omit when `whole_jurisdiction`.", example: ["area_01jf8z3m2ke5qb0x4n3c1w9v7t"] }),
  whole_jurisdiction: z.boolean().optional().openapi({ description: "Target every area of the jurisdiction.", example: false }),
  effective_at: ts("When it takes effect; defaults to the time it is sent.").optional(),
  expires_at: ts("When it stops being shown; omit for no expiry.").optional(),
  note: visibleText(500).optional().openapi({ description: "Internal note or reason for an update (CAP `note`)." }),
};

type Content = { title_en?: string; body_en?: string; area_ids?: string[]; whole_jurisdiction?: boolean; effective_at?: string; expires_at?: string };

/** Cross-field rules, reported with a pointer like any field error. */
function contentRules(v: Content, ctx: z.RefinementCtx, requireTarget: boolean) {
  if ((v.title_en === undefined) !== (v.body_en === undefined)) {
    ctx.addIssue({ code: "custom", path: [v.title_en === undefined ? "title_en" : "body_en"], message: "title_en and body_en go together" });
  }
  if (v.whole_jurisdiction && v.area_ids) ctx.addIssue({ code: "custom", path: ["area_ids"], message: "omit area_ids when whole_jurisdiction is true" });
  if (requireTarget && !v.whole_jurisdiction && !v.area_ids) ctx.addIssue({ code: "custom", path: ["area_ids"], message: "name the targeted areas or set whole_jurisdiction" });
  if (v.effective_at && v.expires_at && Date.parse(v.expires_at) <= Date.parse(v.effective_at)) {
    ctx.addIssue({ code: "custom", path: ["expires_at"], message: "must be after effective_at" });
  }
}

export const CreateAlertSchema = z
  .object(content)
  .strict()
  .superRefine((v, ctx) => contentRules(v, ctx, true))
  .openapi("CreateAlert");

export const EditAlertSchema = z
  .object({ ...content, kind: content.kind.optional(), severity: content.severity.optional(), urgency: content.urgency.optional(), certainty: content.certainty.optional(), title_zh: content.title_zh.optional(), body_zh: content.body_zh.optional() })
  .strict()
  .superRefine((v, ctx) => contentRules(v, ctx, false))
  .openapi("EditAlert", { description: "Fields to change; the others keep their values." });

export const CancelAlertSchema = z
  .object({ note: visibleText(500).optional().openapi({ description: "Why it is withdrawn, e.g. the missing person was found.", example: "走失老人已找到，感谢大家。" }) })
  .strict()
  .openapi("CancelAlert");

export const AlertSchema = z
  .object({
    id: z.string().openapi({ description: "This version's id; also its CAP `identifier`.", example: "alt_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    chain_id: z.string().openapi({ description: "The original alert's id, shared by all its versions." }),
    version: z.number().int().openapi({ description: "1 for the original; each update or cancellation adds one.", example: 1 }),
    msg_type: z.enum(capMsgTypes).openapi({ description: "CAP message type of this version." }),
    status: z.enum(alertPresentedStatuses).openapi({ description: "`expired`: published, but past `expires_at`. `superseded`: replaced by an update or a cancellation." }),
    supersedes_id: z.string().nullable().openapi({ description: "The version this one replaced." }),
    superseded_by_id: z.string().nullable().openapi({ description: "The version that replaced this one." }),
    kind: content.kind,
    severity: content.severity,
    urgency: content.urgency,
    certainty: content.certainty,
    title_zh: z.string(),
    body_zh: z.string(),
    instruction_zh: z.string().nullable(),
    title_en: z.string().nullable(),
    body_en: z.string().nullable(),
    instruction_en: z.string().nullable(),
    media: z.array(AlertMediaSchema),
    area_ids: z.array(z.string()),
    whole_jurisdiction: z.boolean(),
    effective_at: z.string().nullable(),
    expires_at: z.string().nullable(),
    sent_at: z.string().nullable().openapi({ description: "When this version was published; null for a draft." }),
    note: z.string().nullable(),
    cap_url: z.string().openapi({ description: "This version as CAP 1.2 XML." }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Alert");

export const AlertIdParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "alt_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const ListAlertsQuery = z.object({
  status: z.enum(alertPresentedStatuses).optional().openapi({ description: "Only versions in this state." }),
  kind: z.enum(alertKinds).optional(),
  chain_id: z.string().max(64).optional().openapi({ description: "All versions of one alert." }),
});

export const ReceiptSchema = z
  .object({
    alert_id: z.string(),
    delivered_at: z.string().openapi({ description: "First time it reached this reader." }),
    read_at: z.string().nullable().openapi({ description: "First time this reader opened it." }),
    acknowledged_at: z.string().nullable().openapi({ description: "First time this reader confirmed it (收到)." }),
  })
  .openapi("AlertReceipt");

export const InboxItemSchema = AlertSchema.pick({
  id: true,
  chain_id: true,
  version: true,
  msg_type: true,
  kind: true,
  severity: true,
  urgency: true,
  certainty: true,
  title_zh: true,
  body_zh: true,
  instruction_zh: true,
  title_en: true,
  body_en: true,
  instruction_en: true,
  media: true,
  effective_at: true,
  expires_at: true,
  sent_at: true,
  cap_url: true,
})
  .extend({
    unread: z.boolean().openapi({ description: "Not yet read by this reader." }),
    receipt: ReceiptSchema.omit({ alert_id: true }).nullable().openapi({ description: "What this reader has done with it so far." }),
  })
  .openapi("InboxAlert");

export const receiptStatuses = ["delivered", "read", "acknowledged"] as const;

const placement = {
  area_id: z
    .string()
    .max(64)
    .optional()
    .openapi({ description: "Residents and kiosks: the area to read for (a kiosk's hall, the resident's grid), besides a resident's own areas." }),
};

export const InboxQuery = z.object(placement);

export const RecordReceiptSchema = z
  .object({
    status: z.enum(receiptStatuses).openapi({ description: "`read` implies delivered; `acknowledged` implies read. Repeating is harmless.", example: "read" }),
    ...placement,
  })
  .strict()
  .openapi("RecordReceipt");

export const RecordReceiptsSchema = z
  .object({
    alert_ids: z.array(z.string().max(64)).min(1).max(100).openapi({ description: "Up to 100 alerts, e.g. a kiosk's offline queue." }),
    status: z.enum(receiptStatuses).openapi({ example: "delivered" }),
    ...placement,
  })
  .strict()
  .openapi("RecordReceipts");

export const HouseholdReceiptSchema = z
  .object({ status: z.enum(receiptStatuses).openapi({ example: "acknowledged" }) })
  .strict()
  .openapi("RecordHouseholdReceipt");

export const ReceiptBatchResultSchema = z
  .object({
    recorded: z.array(ReceiptSchema),
    not_found: z.array(z.string()).openapi({ description: "Ids that are unknown or do not cover this reader." }),
  })
  .openapi("AlertReceiptBatch");

export const DoorplateParam = z.object({
  code: z.string().min(8).max(64).openapi({ param: { name: "code", in: "path" }, description: "The code printed on the doorplate.", example: "dp_7Hq2kR9xW3mZ8vN4" }),
});

export const DoorplateAlertParam = DoorplateParam.extend(AlertIdParam.shape);

const counts = {
  audience_estimate: z.number().int().openapi({ description: "Households under the targeted areas, from per-area counts." }),
  delivered: z.number().int().openapi({ description: "Readers it reached (residents, kiosks and households)." }),
  read: z.number().int(),
  acknowledged: z.number().int(),
  read_rate: z.number().nullable().openapi({ description: "read ÷ delivered; null when nothing was delivered.", example: 0.62 }),
  reach_rate: z
    .number()
    .nullable()
    .openapi({ description: "delivered ÷ audience estimate; null without an audience. Several residents of one household each count, so it can exceed 1.", example: 0.59 }),
};

export const AlertStatsSchema = z
  .object({
    alert_id: z.string(),
    ...counts,
    by_reader_kind: z.record(z.enum(readerKinds), z.object({ delivered: z.number().int(), read: z.number().int(), acknowledged: z.number().int() })),
    by_area: z.array(z.object({ area_id: z.string(), name: z.string(), level: z.string(), ...counts })).openapi({
      description: "One row per area at `level` under the targets (the targets themselves when they are at or below it).",
    }),
  })
  .openapi("AlertStats");

export const AlertStatsQuery = z.object({
  level: z.enum(["county", "town", "community", "grid"]).optional().openapi({ description: "Break down by areas at this level; defaults to one level below the targets." }),
});

export const AreaFeedParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "area_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const AreaFeedQuery = z.object({
  include_descendants: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true")
    .openapi({ description: "Also list alerts aimed at areas inside this one (for aggregators); `false` gives only what covers the area itself (for kiosks)." }),
});
