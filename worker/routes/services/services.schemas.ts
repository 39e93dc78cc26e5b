import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";
import { attributeDatatypes, serviceGroups, urgencies } from "../../db/schema/services.ts";

export const ServiceGroupSchema = z.enum(serviceGroups).openapi("ServiceGroup", { description: "The catalogue section a service belongs to." });
export const UrgencySchema = z.enum(urgencies).openapi("Urgency", { description: "How fast the desk should act: the inbox sorts emergencies first." });

const ValueSchema = z.object({
  key: z.string().openapi({ description: "What a request sends.", example: "renovation" }),
  name: z.string().openapi({ description: "Label in Chinese.", example: "装修" }),
  name_en: z.string().nullable().openapi({ description: "Label in English.", example: "Renovation" }),
});

export const ServiceAttributeSchema = z
  .object({
    code: z.string().openapi({ description: "Key of the answer in a request's `attributes`.", example: "source" }),
    datatype: z.enum(attributeDatatypes).openapi({ description: "Open311 datatype." }),
    required: z.boolean(),
    variable: z.boolean().openapi({ description: "false: an informational line to show, not a question." }),
    order: z.number().int().openapi({ description: "Display order." }),
    description: z.string().openapi({ description: "The question, in Chinese.", example: "噪音来源" }),
    description_en: z.string().nullable().openapi({ example: "Source" }),
    datatype_description: z.string().nullable().openapi({ description: "Hint on the expected format." }),
    values: z.array(ValueSchema).nullable().openapi({ description: "The choices of a list attribute; null otherwise." }),
  })
  .openapi("ServiceAttribute");

const SlaSchema = z
  .object({
    first_response_minutes: z.number().int().min(1).max(60 * 24 * 30).openapi({ description: "Minutes from dispatch until the agency must accept or decline.", example: 30 }),
    resolution_hours: z.number().int().min(1).max(24 * 365).openapi({ description: "Hours from dispatch until it must be resolved.", example: 24 }),
  })
  .openapi("ServiceSla");

const NamesSchema = z.object({
  "zh-CN": visibleText(100).openapi({ example: "噪音扰民" }),
  en: visibleText(100).openapi({ example: "Noise nuisance" }),
});

export const ServiceSchema = z
  .object({
    code: z.string().openapi({ description: "Stable code; Open311 `service_code`.", example: "noise" }),
    names: NamesSchema,
    descriptions: z.object({ "zh-CN": z.string().nullable(), en: z.string().nullable() }),
    group: ServiceGroupSchema,
    keywords: z.array(z.string()),
    attributes: z.array(ServiceAttributeSchema).openapi({ description: "Extra questions a request answers in `attributes`." }),
    default_agency_id: z.string().nullable().openapi({ description: "Where the desk usually dispatches it." }),
    default_urgency: UrgencySchema,
    sla: SlaSchema,
    active: z.boolean().openapi({ description: "false once retired: no new requests." }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Service");

const AttributeInputSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "1-64 letters, digits, _ . -").openapi({ example: "source" }),
    datatype: z.enum(attributeDatatypes),
    required: z.boolean().optional(),
    variable: z.boolean().optional(),
    order: z.number().int().min(0).max(1000).optional(),
    description: visibleText(500),
    description_en: z.string().trim().max(500).nullable().optional(),
    datatype_description: z.string().trim().max(500).nullable().optional(),
    values: z
      .array(z.object({ key: z.string().min(1).max(64), name: z.string().min(1).max(100), name_en: z.string().max(100).nullable().optional() }).strict())
      .max(100)
      .nullable()
      .optional(),
  })
  .strict()
  .openapi("ServiceAttributeInput");

export const CreateServiceSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "lowercase letters, digits, - and _").openapi({ example: "fallen-tree" }),
    names: NamesSchema.strict(),
    descriptions: z.object({ "zh-CN": z.string().max(2000).nullable().optional(), en: z.string().max(2000).nullable().optional() }).strict().optional(),
    group: ServiceGroupSchema,
    keywords: z.array(z.string().min(1).max(32)).max(20).optional(),
    attributes: z.array(AttributeInputSchema).max(30).optional(),
    default_agency_id: z.string().max(64).nullable().optional(),
    default_urgency: UrgencySchema.optional(),
    sla: SlaSchema.strict(),
  })
  .strict()
  .openapi("CreateService");

export const UpdateServiceSchema = z
  .object({
    names: NamesSchema.partial().strict().optional(),
    descriptions: z.object({ "zh-CN": z.string().max(2000).nullable().optional(), en: z.string().max(2000).nullable().optional() }).strict().optional(),
    group: ServiceGroupSchema.optional(),
    keywords: z.array(z.string().min(1).max(32)).max(20).optional(),
    attributes: z.array(AttributeInputSchema).max(30).optional(),
    default_agency_id: z.string().max(64).nullable().optional(),
    default_urgency: UrgencySchema.optional(),
    sla: SlaSchema.partial().strict().optional(),
    active: z.boolean().optional().openapi({ description: "Set true to bring a retired service back." }),
  })
  .strict()
  .openapi("UpdateService");

export const ServiceCodeParam = z.object({
  code: z.string().max(64).openapi({ param: { name: "code", in: "path" }, example: "noise" }),
});

export const ListServicesQuery = z.object({
  group: ServiceGroupSchema.optional(),
  include_inactive: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ description: "Administrators only: include retired services." }),
});
