import { z } from "@hono/zod-openapi";
import { graceSecondsField } from "../../lib/grace.ts";

const eventType = z
  .string()
  .regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, "an event type such as request.dispatched, or request.*")
  .max(64);

export const WebhookEndpointSchema = z
  .object({
    id: z.string().openapi({ example: "whk_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    url: z.string().openapi({ example: "https://cg.example.gov.cn/fengqiao/events" }),
    agency_id: z.string().nullable().openapi({ description: "Events about this agency only; null for every event of the jurisdiction." }),
    description: z.string().nullable(),
    event_types: z.array(z.string()).openapi({ description: "Subscribed types (`request.*` for a family); empty for all.", example: ["request.dispatched", "request.overdue"] }),
    status: z.enum(["active", "disabled"]),
    disabled_reason: z.string().nullable().openapi({ description: "Why it stopped, e.g. the receiver answered 410 Gone." }),
    previous_secret_expires_at: z
      .string()
      .nullable()
      .openapi({ description: "After a secret rotation: until then, deliveries also carry a signature made with the previous secret." }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("WebhookEndpoint");

export const CreatedWebhookEndpointSchema = WebhookEndpointSchema.extend({
  secret: z.string().openapi({ description: "The Standard Webhooks signing secret (`whsec_…`). Shown only here; store it now.", example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }),
}).openapi("CreatedWebhookEndpoint");

export const CreateWebhookEndpointSchema = z
  .object({
    url: z.string().max(2000).openapi({ description: "https; public addresses only (outside development)." }),
    agency_id: z.string().max(64).nullable().optional(),
    event_types: z.array(eventType).max(50).optional(),
    description: z.string().trim().max(200).nullable().optional(),
  })
  .strict()
  .openapi("CreateWebhookEndpoint");

export const UpdateWebhookEndpointSchema = z
  .object({
    url: z.string().max(2000).optional(),
    event_types: z.array(eventType).max(50).optional(),
    description: z.string().trim().max(200).nullable().optional(),
    enabled: z.boolean().optional().openapi({ description: "false pauses deliveries; true resumes (also after a 410)." }),
  })
  .strict()
  .openapi("UpdateWebhookEndpoint");

export const RotateWebhookSecretSchema = z
  .object({
    grace_seconds: graceSecondsField("How long the previous secret keeps signing too (both signatures on each delivery), so the receiver can switch."),
  })
  .strict()
  .openapi("RotateWebhookSecret");

export const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    message_id: z.string().openapi({ description: "The `webhook-id` header: the same on every retry of this event." }),
    event_type: z.string(),
    status: z.enum(["pending", "delivering", "succeeded", "failed"]),
    attempts: z.number().int(),
    next_attempt_at: z.string().nullable(),
    last_attempt_at: z.string().nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    delivered_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("WebhookDelivery");

export const WebhookIdParam = z.object({ id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "whk_01jf8z3m2ke5qb0x4n3c1w9v7t" }) });
