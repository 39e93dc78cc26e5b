import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";
import { indicatorKinds, indicatorStatuses } from "../../db/schema/fraud-indicators.ts";
import { socialPlatforms } from "../../services/fraud/normalize.ts";

const kind = z.enum(indicatorKinds).openapi({ description: "What the value is.", example: "phone" });
const value = z
  .string()
  .min(1)
  .max(2000)
  .openapi({ description: "As the resident has it: any spacing, dashes, +86/0086, full-width digits; a link as copied.", example: "+86 138-0013-8000" });
const platform = z.enum(socialPlatforms).optional().openapi({ description: "For `social_account`: which platform.", example: "wechat" });

export const ReportIndicatorSchema = z
  .object({
    kind,
    value,
    platform,
    narrative: visibleText(4000).openapi({ description: "What happened.", example: "对方自称市公安局民警，说我的银行卡涉嫌洗钱，要我把钱转到安全账户。" }),
    amount_fen: z.number().int().min(0).max(1e12).optional().openapi({ description: "How much they asked for, in fen (1 yuan = 100 fen).", example: 2000000 }),
    occurred_at: z.iso.datetime({ offset: true }).optional().openapi({ description: "When it happened." }),
    area_id: z.string().max(64).optional().openapi({ description: "Where the reporter lives; defaults to their registered grid (or, with `intervention_id`, the case's area)." }),
    intervention_id: z
      .string()
      .max(64)
      .optional()
      .openapi({
        description:
          "Staff working a 劝阻/止损 case: the number, link or account the fraudster used on this victim. Listed on the case (masked) and its timeline; the event carries it. Only staff who may work the case can link to it.",
      }),
  })
  .strict()
  .openapi("ReportIndicator");

export const CheckIndicatorSchema = z
  .object({
    kind,
    value,
    platform,
    jurisdiction: z
      .string()
      .max(64)
      .optional()
      .openapi({ description: "Without a credential: the jurisdiction's code (its public `jurisdiction_id`). Ignored when a key or token is sent.", example: "jinsha-liutang" }),
  })
  .strict()
  .openapi("CheckIndicator");

export const verdicts = ["none", "reported", "confirmed"] as const;

export const CheckResultSchema = z
  .object({
    verdict: z.enum(verdicts).openapi({ description: "`confirmed`: the police confirmed it is used in fraud. `reported`: residents reported it, not yet confirmed. `none`: no live report (this does not make it safe)." }),
    kind,
    display: z.string().openapi({ description: "The value as understood, masked.", example: "+86 138****8000" }),
    report_count: z.number().int().openapi({ description: "How many people reported it (never who)." }),
    last_reported_at: z.string().nullable(),
    reviewed: z.boolean().openapi({ description: "Staff have looked at it (confirmed, or dismissed as not fraud)." }),
    matched: z.enum(["exact", "site"]).nullable().openapi({ description: "For links: whether the verdict comes from this page or from the whole site." }),
    advice: z.string().openapi({ description: "What to do, in Chinese." }),
  })
  .openapi("IndicatorCheck");

export const IndicatorSchema = z
  .object({
    id: z.string().openapi({ example: "ind_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    kind,
    display: z.string().openapi({ description: "Masked; the value itself is not stored." }),
    status: z.enum(indicatorStatuses),
    report_count: z.number().int(),
    first_reported_at: z.string(),
    last_reported_at: z.string(),
    decided_at: z.string().nullable(),
    decided_by: z.string().nullable(),
    decision_note: z.string().nullable(),
  })
  .openapi("FraudIndicator");

export const PhotoSchema = z.object({ index: z.number().int(), content_type: z.string(), size: z.number().int() }).openapi("ReportPhoto");

export const ReportSchema = z
  .object({
    id: z.string().openapi({ example: "frp_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    indicator: IndicatorSchema.pick({ id: true, kind: true, display: true, status: true, report_count: true }),
    reported_kind: kind,
    narrative: z.string(),
    amount_fen: z.number().int().nullable(),
    occurred_at: z.string().nullable(),
    area_id: z.string().nullable(),
    photos: z.array(PhotoSchema),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("FraudReport");

export const StaffReportSchema = ReportSchema.extend({
  reporter: z.string().openapi({ description: "The reporting user's or key's id; contact goes through the request system, not this record." }),
}).openapi("FraudReportForStaff");

export const DecideIndicatorSchema = z
  .object({ note: visibleText(1000).optional().openapi({ description: "Why.", example: "经核实为冒充公检法诈骗号码，已上报。" }) })
  .strict()
  .openapi("DecideIndicator");

export const IndicatorIdParam = z.object({ id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "ind_01jf8z3m2ke5qb0x4n3c1w9v7t" }) });
export const ReportIdParam = z.object({ id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "frp_01jf8z3m2ke5qb0x4n3c1w9v7t" }) });
export const ReportPhotoParam = ReportIdParam.extend({
  index: z.coerce.number().int().min(0).max(3).openapi({ param: { name: "index", in: "path" }, example: 0 }),
});

export const ListIndicatorsQuery = z.object({
  status: z.enum(indicatorStatuses).optional(),
  kind: kind.optional(),
});
