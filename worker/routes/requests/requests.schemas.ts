import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";
import { channels, requestStatuses } from "../../db/schema/service-requests.ts";
import { verbs } from "../../services/requests/lifecycle.ts";
import { DisputeIntakeSchema } from "../disputes/disputes.schemas.ts";
import { ServiceGroupSchema, UrgencySchema } from "../services/services.schemas.ts";

export const RequestStatusSchema = z.enum(requestStatuses).openapi("RequestStatus", {
  description:
    "submitted → dispatched → accepted | declined (back to the desk) → in_progress → resolved → rated → closed; also transferred, withdrawn, duplicate, invalid, reopened.",
});
export const ChannelSchema = z.enum(channels).openapi("Channel", { description: "Where the request came in." });

const ts = (description: string) => z.string().nullable().openapi({ description: `${description} RFC 3339.` });

export const ServiceRequestSchema = z
  .object({
    id: z.string().openapi({ example: "req_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    tracking_code: z.string().openapi({ description: "Short code for the resident to quote; also accepted in place of the id.", example: "K7M3-9QX2" }),
    service_code: z.string().openapi({ example: "noise" }),
    group: ServiceGroupSchema,
    status: RequestStatusSchema,
    version: z.number().int().openapi({ description: "Increases on every change; the ETag is `\"v<version>\"`." }),
    channel: ChannelSchema,
    urgency: UrgencySchema,
    description: z.string().nullable(),
    attributes: z.record(z.string(), z.unknown()).openapi({ description: "Answers to the service's attributes, by attribute code." }),
    location: z.object({
      lat: z.number().nullable(),
      long: z.number().nullable(),
      address: z.string().nullable().openapi({ description: "Masked in lists. On a read of one request: in full for staff, and for others when the filer typed it; an address a doorplate code filled in stays masked for all but staff." }),
      area_id: z.string().nullable().openapi({ description: "The grid or area it belongs to." }),
      household_id: z.string().nullable().openapi({ description: "The doorplate's household (staff only)." }),
    }),
    reporter: z.object({
      name: z.string().nullable().openapi({ description: "Masked.", example: "张**" }),
      phone: z.string().nullable().openapi({ description: "Masked.", example: "138****5678" }),
      user_id: z.string().nullable().openapi({ description: "The resident who follows the request." }),
    }),
    agency_id: z.string().nullable().openapi({ description: "The agency it is with." }),
    due: z.object({ first_response_at: ts("When the agency must accept or decline by."), resolution_at: ts("When it must be resolved by.") }),
    dispatched_at: ts("Last dispatch."),
    first_responded_at: ts("First acceptance or decline."),
    resolved_at: ts("Resolution."),
    closed_at: ts("Closing, withdrawal or marking."),
    resolution_note: z.string().nullable().openapi({ description: "What the agency did." }),
    rating: z.object({ score: z.number().int(), comment: z.string().nullable(), rated_at: z.string().nullable() }).nullable(),
    duplicate_of: z.string().nullable().openapi({ description: "The original, when marked duplicate." }),
    source_lead_id: z.string().nullable().openapi({ description: "The volunteer lead it was made from (staff only)." }),
    escalation_level: z.number().int().nullable().openapi({ description: "Raised by SLA breaches, reopenings and poor ratings (staff only)." }),
    overdue_since: ts("When the SLA job flagged it overdue (staff only)."),
    photo_count: z.number().int(),
    photos: z
      .array(z.object({ id: z.string(), content_type: z.string(), bytes: z.number().int(), url: z.string(), created_at: z.string() }))
      .nullable()
      .openapi({ description: "On a read of one request; null in lists and transition answers." }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("ServiceRequest");

export const CreateServiceRequestSchema = z
  .object({
    service_code: z.string().min(1).max(64).openapi({ example: "noise" }),
    channel: ChannelSchema.optional().openapi({ description: "Defaults from the credential: a kiosk key files `kiosk`, a doorplate scan `qr`, staff `staff`." }),
    description: z.string().trim().max(2000).optional().openapi({ example: "楼上装修每天早上七点开始电钻" }),
    attributes: z.record(z.string(), z.unknown()).optional().openapi({ description: "Answers by attribute code.", example: { source: "renovation" } }),
    urgency: UrgencySchema.optional().openapi({ description: "Staff only; defaults to the service's." }),
    location: z.object({ lat: z.number().min(-90).max(90), long: z.number().min(-180).max(180) }).strict().optional(),
    address: z.string().trim().max(200).optional(),
    doorplate_code: z.string().max(64).optional().openapi({ description: "From a scanned doorplate: fills address, grid and location." }),
    area_id: z.string().max(64).optional().openapi({ description: "The grid or area, when no doorplate is given." }),
    reporter: z
      .object({ name: z.string().trim().max(64).optional(), phone: z.string().trim().max(32).optional() })
      .strict()
      .optional()
      .openapi({ description: "Contact, when not the token's own resident (phone calls, walk-ins). Stored, shown masked." }),
    resident_id: z.string().max(64).optional().openapi({ description: "Staff filing for a registered resident: they can then follow it." }),
    source_lead_id: z.string().max(64).optional().openapi({ description: "Staff: make the request from a volunteer's lead (线索); the lead is marked converted in the same change." }),
    dispute: DisputeIntakeSchema.optional().openapi({ description: "For `dispute` services: initial grade and the parties." }),
  })
  .strict()
  .openapi("CreateServiceRequest");

export const RequestIdParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, description: "A `req_` id or a tracking code.", example: "req_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});
export const PhotoParams = RequestIdParam.extend({
  photo_id: z.string().max(64).openapi({ param: { name: "photo_id", in: "path" }, example: "pho_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const IfMatchHeader = z.object({
  "if-match": z.string().optional().openapi({ description: "Required: the ETag of the request as you last read it (`\"v3\"`).", example: '"v3"' }),
});
export const IfNoneMatchHeader = z.object({
  "if-none-match": z.string().optional().openapi({ description: "An ETag you hold; 304 if it is still current." }),
});

const statusList = z
  .string()
  .max(300)
  .optional()
  .transform((s, ctx) => {
    if (!s) return undefined;
    const list = s.split(",").map((x) => x.trim());
    for (const x of list) {
      if (!(requestStatuses as readonly string[]).includes(x)) {
        ctx.addIssue({ code: "custom", message: `each must be one of: ${requestStatuses.join(", ")}` });
        return z.NEVER;
      }
    }
    return list as (typeof requestStatuses)[number][];
  })
  .openapi({ description: "Comma-separated statuses.", example: "dispatched,accepted" });

export const RequestFiltersQuery = z.object({
  status: statusList,
  service_code: z.string().max(64).optional(),
  group: ServiceGroupSchema.optional(),
  area_id: z.string().max(64).optional().openapi({ description: "This area and everything under it." }),
  channel: ChannelSchema.optional(),
  agency_id: z.string().max(64).optional(),
  urgency: UrgencySchema.optional(),
  created_from: z.iso.datetime({ offset: true }).optional().openapi({ description: "Filed at or after (RFC 3339)." }),
  created_to: z.iso.datetime({ offset: true }).optional().openapi({ description: "Filed before (RFC 3339)." }),
});

const note = visibleText(2000);
export const DispatchBody = z
  .object({
    agency_id: z.string().max(64).optional().openapi({ description: "Defaults to the service's default agency." }),
    urgency: UrgencySchema.optional(),
    note: note.optional(),
  })
  .strict()
  .openapi("DispatchServiceRequest");
export const NoteBody = z.object({ note: note.optional() }).strict().openapi("TransitionNote");
export const ReasonBody = z.object({ reason: note.openapi({ description: "Why; required." }) }).strict().openapi("TransitionReason");
export const OptionalReasonBody = z.object({ reason: note.optional() }).strict().openapi("WithdrawServiceRequest");
export const TransferBody = z.object({ agency_id: z.string().max(64), note }).strict().openapi("TransferServiceRequest");
export const ResolveBody = z.object({ result: note.openapi({ description: "What was done (办结情况); shown to the resident." }) }).strict().openapi("ResolveServiceRequest");
export const RateBody = z
  .object({
    score: z.number().int().min(1).max(5).openapi({ description: "1-5; 2 or less reopens and escalates the request.", example: 5 }),
    comment: z.string().trim().max(1000).optional(),
  })
  .strict()
  .openapi("RateServiceRequest");
export const DuplicateBody = z
  .object({ duplicate_of: z.string().max(64).openapi({ description: "The original's id or tracking code." }), note: note.optional() })
  .strict()
  .openapi("MarkServiceRequestDuplicate");

export const InvalidTransitionSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    status_now: RequestStatusSchema,
    allowed: z.array(z.enum(verbs)).openapi({ description: "The transitions allowed from the current status." }),
  })
  .openapi("InvalidTransitionProblem");

export const EventSchema = z
  .object({
    id: z.string(),
    type: z.string().openapi({ description: "submitted, dispatched, accepted, … commented, photo_added, overdue, escalated, dispute.*", example: "dispatched" }),
    from_status: z.string().nullable(),
    to_status: z.string().nullable(),
    note: z.string().nullable(),
    visibility: z.enum(["public", "internal"]),
    data: z.record(z.string(), z.unknown()).nullable(),
    actor: z.object({
      kind: z.enum(["resident", "staff", "integration", "system"]),
      role: z.string().nullable(),
      agency_id: z.string().nullable(),
      id: z.string().nullable().openapi({ description: "`user:…` or `key:…`; staff only." }),
    }),
    at: z.string(),
  })
  .openapi("ServiceRequestEvent");

export const CommentBody = z
  .object({
    body: visibleText(2000),
    visibility: z.enum(["public", "internal"]).optional().openapi({ description: "internal: staff only, never shown to the resident. Default public." }),
  })
  .strict()
  .openapi("AddServiceRequestComment");

export const PhotoSchema = z
  .object({ id: z.string(), content_type: z.string(), bytes: z.number().int(), url: z.string(), created_at: z.string() })
  .openapi("ServiceRequestPhoto");

export const PhotoUpload = z.object({
  photo: z
    .custom<File>((v) => typeof File !== "undefined" && v instanceof File, "expected a file")
    .openapi({ type: "string", format: "binary", description: "JPEG, PNG, WebP or GIF, at most 5 MB." }),
});

export const ContactSchema = z
  .object({ name: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() })
  .openapi("RevealedContact", { description: "Unmasked; the reveal is audited." });
