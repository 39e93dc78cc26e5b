import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";
import { graceSecondsField } from "../../lib/grace.ts";
import { keyKinds } from "../../db/schema/api-keys.ts";
import { scopes } from "../../lib/scopes.ts";

export const ScopeSchema = z.enum(scopes).openapi("Scope", { description: "A permission a key holds." });

export const ApiKeySchema = z
  .object({
    id: z.string().openapi({ example: "key_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    name: z.string().openapi({ description: "Who or what holds the key.", example: "Liutang service-hall kiosk 1" }),
    kind: z.enum(keyKinds).openapi({ description: "The channel the key belongs to." }),
    prefix: z.string().openapi({ description: "Visible start of the key, to tell keys apart.", example: "fq_ab12cd34" }),
    scopes: z.array(ScopeSchema),
    expires_at: z.string().nullable().openapi({ description: "When the key stops working; null for never." }),
    revoked_at: z.string().nullable(),
    last_used_at: z.string().nullable().openapi({ description: "Last use, to the minute." }),
    rotated_from: z.string().nullable().openapi({ description: "The key this one replaced." }),
    created_at: z.string(),
  })
  .openapi("ApiKey");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  secret: z.string().openapi({ description: "The key itself. Shown only in this response; store it now." }),
}).openapi("CreatedApiKey");

export const CreateApiKeySchema = z
  .object({
    name: visibleText(100).openapi({ example: "Liutang service-hall kiosk 1" }),
    kind: z.enum(keyKinds).openapi({ example: "kiosk" }),
    scopes: z.array(ScopeSchema).min(1).max(20).optional().openapi({ description: "Defaults to the kind's usual scopes." }),
    expires_at: z.iso.datetime({ offset: true }).nullable().optional().openapi({ description: "RFC 3339; omit for a key that does not expire." }),
  })
  .strict()
  .openapi("CreateApiKey");

export const RotateApiKeySchema = z
  .object({
    grace_seconds: graceSecondsField("How long the old key keeps working, so deployed clients can switch."),
  })
  .strict()
  .openapi("RotateApiKey");

export const KeyIdParam = z.object({ id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "key_01jf8z3m2ke5qb0x4n3c1w9v7t" }) });
