import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";
import { interventionEventTypes } from "../../db/schema/intervention-events.ts";
import { interventionOutcomes, interventionSources, interventionStatuses, scamTypes } from "../../db/schema/interventions.ts";
import { indicatorKinds, indicatorStatuses } from "../../db/schema/fraud-indicators.ts";

const fen = (description: string) => z.number().int().min(0).max(1e12).openapi({ description: `${description} In fen (1 yuan = 100 fen).`, example: 2_000_000 });

export const CreateInterventionSchema = z
  .object({
    source: z.enum(interventionSources).openapi({ description: "Who raised it: a bank's counter staff, a relative, the anti-fraud hotline, an officer.", example: "relative" }),
    scam_type: z.enum(scamTypes).default("other").openapi({ example: "impersonating_authorities" }),
    area_id: z.string().max(64).optional().openapi({ description: "Where the person at risk is; or give `doorplate_code`." }),
    doorplate_code: z.string().min(8).max(64).optional().openapi({ description: "The household's doorplate; fills in the area." }),
    victim_name: visibleText(64).optional().openapi({ description: "Stored; shown masked.", example: "马某" }),
    victim_phone: z.string().trim().min(3).max(32).optional().openapi({ description: "Stored; shown masked.", example: "13800138000" }),
    summary: visibleText(2000).openapi({ example: "接到冒充公检法电话，准备向“安全账户”转账，因金额不足向弟弟借钱，弟弟察觉后报告。" }),
    amount_at_risk_fen: fen("How much is about to be paid.").optional(),
    sla_minutes: z.number().int().min(1).max(240).default(10).openapi({ description: "Minutes the officer has to respond.", example: 10 }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.area_id === !v.doorplate_code) ctx.addIssue({ code: "custom", path: ["area_id"], message: "give exactly one of area_id and doorplate_code" });
  })
  .openapi("CreateIntervention");

export const ResolveInterventionSchema = z
  .object({
    outcome: z.enum(interventionOutcomes).openapi({ description: "`stopped`: the payment was prevented or recovered; `lost`: money was lost; `not_fraud`.", example: "stopped" }),
    amount_saved_fen: fen("Money kept from the fraudster.").optional(),
    amount_lost_fen: fen("Money lost.").optional(),
    anti_fraud_app_installed: z.boolean().openapi({ description: "Whether the national anti-fraud app (国家反诈中心) is now installed.", example: true }),
    note: visibleText(2000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome === "stopped" && v.amount_saved_fen === undefined) ctx.addIssue({ code: "custom", path: ["amount_saved_fen"], message: "required when stopped" });
    if (v.outcome === "lost" && !v.amount_lost_fen) ctx.addIssue({ code: "custom", path: ["amount_lost_fen"], message: "required and positive when lost" });
    if (v.outcome === "not_fraud" && (v.amount_saved_fen || v.amount_lost_fen)) ctx.addIssue({ code: "custom", path: ["outcome"], message: "no amounts when not fraud" });
  })
  .openapi("ResolveIntervention");

export const NoteSchema = z.object({ note: visibleText(2000).openapi({ example: "已电话联系，正赶往其家中。" }) }).strict().openapi("InterventionNote");
export const AssignSchema = z.object({ officer_id: z.string().max(64).openapi({ description: "An officer of this jurisdiction." }), note: visibleText(500).optional() }).strict().openapi("AssignIntervention");

export const TimelineEventSchema = z
  .object({
    type: z.enum(interventionEventTypes),
    actor: z.string().openapi({ description: "`user:<id>`, `key:<id>` or `system`." }),
    note: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    at: z.string(),
  })
  .openapi("InterventionEvent");

export const InterventionSchema = z
  .object({
    id: z.string().openapi({ example: "ivn_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    source: z.enum(interventionSources),
    status: z.enum(interventionStatuses),
    scam_type: z.enum(scamTypes),
    area_id: z.string(),
    household_id: z.string().nullable(),
    assigned_officer_id: z.string().nullable().openapi({ description: "The area's duty officer; null until the desk assigns one when the area has none." }),
    agency_id: z.string().nullable(),
    victim_name: z.string().nullable().openapi({ description: "Masked." }),
    victim_phone: z.string().nullable().openapi({ description: "Masked." }),
    summary: z.string(),
    amount_at_risk_fen: z.number().int().nullable(),
    response_due_at: z.string(),
    responded_at: z.string().nullable(),
    overdue: z.boolean().openapi({ description: "Not responded to and past the deadline." }),
    sla_met: z.boolean().nullable().openapi({ description: "Responded by the deadline; null while still open and in time." }),
    resolved_at: z.string().nullable(),
    outcome: z.enum(interventionOutcomes).nullable(),
    amount_saved_fen: z.number().int().nullable(),
    amount_lost_fen: z.number().int().nullable(),
    anti_fraud_app_installed: z.boolean().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Intervention");

export const InterventionDetailSchema = InterventionSchema.extend({
  timeline: z.array(TimelineEventSchema),
  indicators: z
    .array(
      z.object({
        id: z.string(),
        kind: z.enum(indicatorKinds),
        display: z.string().openapi({ description: "Masked, as checks show it.", example: "+86 138****8000" }),
        status: z.enum(indicatorStatuses),
        report_count: z.number().int(),
      }),
    )
    .openapi({ description: "Numbers, links and accounts the fraudster used in this case, filed with `intervention_id` (POST /v1/fraud/reports)." }),
}).openapi("InterventionDetail");

export const RevealedContactSchema = z.object({ victim_name: z.string().nullable(), victim_phone: z.string().nullable() }).openapi("InterventionContact");

export const InterventionIdParam = z.object({ id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "ivn_01jf8z3m2ke5qb0x4n3c1w9v7t" }) });

export const ListInterventionsQuery = z.object({
  status: z.enum(interventionStatuses).optional(),
  overdue: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true"))
    .openapi({ description: "Only those past their response deadline without a response." }),
  area_id: z.string().max(64).optional().openapi({ description: "In this area or under it." }),
  assigned_to_me: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ description: "Only those assigned to the calling officer." }),
});
