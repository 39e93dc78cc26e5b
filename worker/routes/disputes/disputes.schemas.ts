import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";
import { disputeGrades, mediationLevels } from "../../db/schema/disputes.ts";

export const DisputeGradeSchema = z.enum(disputeGrades).openapi("DisputeGrade", { description: "Difficulty: green (simple) → red (serious, at risk of escalating)." });
export const MediationLevelSchema = z.enum(mediationLevels).openapi("MediationLevel", { description: "三级联调: grid → town/station → county." });
const PartyRole = z.enum(["applicant", "respondent", "other"]);

export const DisputePartySchema = z
  .object({ id: z.string(), name: z.string().nullable().openapi({ description: "Masked.", example: "王**" }), phone: z.string().nullable().openapi({ description: "Masked." }), role: PartyRole })
  .openapi("DisputeParty");

export const MediationSessionSchema = z
  .object({
    id: z.string(),
    level: MediationLevelSchema,
    held_at: z.string(),
    location: z.string().nullable(),
    summary: z.string(),
    outcome: z.enum(["continued", "agreed", "failed"]),
    created_at: z.string(),
  })
  .openapi("MediationSession");

export const FollowUpSchema = z
  .object({
    id: z.string(),
    dispute_id: z.string(),
    request_id: z.string(),
    offset_days: z.number().int().openapi({ description: "Days after resolution it was scheduled for.", example: 7 }),
    due_at: z.string(),
    status: z.enum(["scheduled", "done", "cancelled"]),
    result: z.enum(["stable", "recurred", "unreachable"]).nullable(),
    note: z.string().nullable(),
    done_at: z.string().nullable(),
  })
  .openapi("DisputeFollowUp");

export const DisputeSchema = z
  .object({
    id: z.string().openapi({ example: "dsp_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    request_id: z.string().openapi({ description: "The service request carrying its lifecycle." }),
    grade: DisputeGradeSchema,
    level: MediationLevelSchema,
    outcome: z.enum(["mediated", "failed"]).nullable(),
    version: z.number().int().openapi({ description: "For an optional If-Match (`\"v<version>\"`)." }),
    agreement: z.object({ text: z.string(), signed_at: z.string().nullable(), party_ids: z.array(z.string()) }).nullable().openapi({ description: "调解协议书." }),
    mediated_at: z.string().nullable(),
    parties: z.array(DisputePartySchema).nullable().openapi({ description: "On a read of one dispute." }),
    sessions: z.array(MediationSessionSchema).nullable(),
    follow_ups: z.array(FollowUpSchema).nullable(),
    history: z
      .array(z.object({ type: z.string(), at: z.string(), from: z.string().nullable(), to: z.string().nullable(), note: z.string().nullable() }))
      .nullable()
      .openapi({ description: "Grade changes and escalations, oldest first." }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Dispute");

export const DisputeIdParam = z.object({ id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, description: "A `dsp_` id or its request's `req_` id." }) });
export const FollowUpParams = DisputeIdParam.extend({ follow_up_id: z.string().max(64).openapi({ param: { name: "follow_up_id", in: "path" } }) });
// Optional to the validator so that a missing header is answered 428 by the service, as on requests.
export const IfMatchHeader = z.object({
  "if-match": z
    .string()
    .optional()
    .openapi({ description: "Required: the dispute's ETag as you last read it (`\"v3\"`, or the tag a read answered with); 428 without, 412 if it has changed.", example: '"v3"' }),
});

const text = visibleText(2000);
export const GradeBody = z.object({ grade: DisputeGradeSchema, reason: text }).strict().openapi("GradeDispute");
export const EscalateBody = z.object({ reason: text }).strict().openapi("EscalateDispute");
export const PartyBody = z
  .object({ name: visibleText(64), phone: z.string().trim().max(32).optional(), role: PartyRole })
  .strict()
  .openapi("AddDisputeParty");
export const SessionBody = z
  .object({ held_at: z.iso.datetime({ offset: true }), location: z.string().trim().max(200).optional(), summary: text, outcome: z.enum(["continued", "agreed", "failed"]) })
  .strict()
  .openapi("RecordMediationSession");
export const AgreementBody = z
  .object({
    text: visibleText(20000).openapi({ description: "The agreement's terms." }),
    signed_at: z.iso.datetime({ offset: true }),
    party_ids: z.array(z.string().max(64)).min(1).max(20).openapi({ description: "The parties who signed." }),
  })
  .strict()
  .openapi("RecordMediationAgreement");
export const FollowUpBody = z.object({ result: z.enum(["stable", "recurred", "unreachable"]), note: z.string().trim().max(2000).optional() }).strict().openapi("RecordDisputeFollowUp");

export const ListDisputesQuery = z.object({
  grade: DisputeGradeSchema.optional(),
  level: MediationLevelSchema.optional(),
  area_id: z.string().max(64).optional(),
  open: z.enum(["true", "false"]).optional().transform((v) => (v === undefined ? undefined : v === "true")).openapi({ description: "true: request not yet resolved." }),
});
export const ListFollowUpsQuery = z.object({ due_before: z.iso.datetime({ offset: true }).optional() });

export const DisputeIntakeSchema = z
  .object({
    grade: DisputeGradeSchema.optional().openapi({ description: "Defaults to green; staff re-grade later." }),
    parties: z.array(PartyBody).max(20).optional(),
  })
  .strict()
  .openapi("DisputeIntake");
