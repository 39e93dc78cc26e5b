import { z } from "@hono/zod-openapi";
import { orNull, visibleText } from "../../lib/openapi.ts";
import { leadStatuses } from "../../db/schema/volunteer-leads.ts";
import { PointSchema } from "../tasks/tasks.schemas.ts";

export const LeadSchema = z
  .object({
    id: z.string().openapi({ example: "lead_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    user_id: z.string().openapi({ description: "The volunteer who reported it." }),
    task_id: z.string().nullable().openapi({ description: "The task they were on, if any." }),
    text: z.string().openapi({ example: "3号楼有陌生男子逐层敲门，自称推销，形迹可疑" }),
    location: orNull(PointSchema),
    area_id: z.string().nullable(),
    has_photo: z.boolean().openapi({ description: "Fetch it with `getLeadPhoto`." }),
    status: z.enum(leadStatuses).openapi({ description: "new → converted (into a service request) or dismissed." }),
    request_id: z.string().nullable().openapi({ description: "The service request the lead became." }),
    converted_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Lead");

export const CreateLeadSchema = z
  .object({
    text: visibleText(2000).openapi({ example: "3号楼有陌生男子逐层敲门，自称推销，形迹可疑" }),
    task_id: z.string().max(64).optional().openapi({ description: "A task you are signed up for; the lead takes its area." }),
    location: PointSchema.optional(),
    area_id: z.string().max(64).optional().openapi({ description: "Where, when not on a task." }),
  })
  .strict()
  .openapi("CreateLead");

export const ConvertLeadSchema = z
  .object({
    request_id: z
      .string()
      .regex(/^req_[0-9a-z]{26}$/, "a service request id (req_…)")
      .openapi({ description: "The service request created from this lead through the requests API.", example: "req_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
  })
  .strict()
  .openapi("ConvertLead");

export const DismissLeadSchema = z
  .object({ reason: visibleText(500).openapi({ example: "已掌握，系小区新入住住户" }) })
  .strict()
  .openapi("DismissLead");

export const LeadIdParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "lead_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const ListLeadsQuery = z.object({
  area_id: z.string().max(64).optional().openapi({ description: "In this area, descendants included." }),
  task_id: z.string().max(64).optional(),
  status: z.enum(leadStatuses).optional(),
  request_id: z.string().max(64).optional().openapi({ description: "The lead a service request came from." }),
});
