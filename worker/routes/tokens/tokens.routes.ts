import { createRoute, z } from "@hono/zod-openapi";
import { subjectTypes } from "../../db/schema/users.ts";
import { roles } from "../../deps.ts";
import { anyCredential, authErrors, commonErrors, jsonBody, jsonContent, keyOnly, orNull, visibleText } from "../../lib/openapi.ts";

export const ExchangeTokenSchema = z
  .object({
    subject_type: z.enum(subjectTypes).openapi({ description: "What kind of identity the app verified.", example: "wechat_openid" }),
    subject: visibleText(128).openapi({ description: "The verified identity (openid, phone, the app's user id).", example: "oRrdQt8pW4x2v7kL0c9fA1bYzE3M" }),
    display_name: visibleText(64).optional().openapi({ description: "Used only when a new resident is created." }),
    phone: z.string().trim().max(32).optional().openapi({ description: "Contact phone for a new resident; stored, shown masked." }),
  })
  .strict()
  .openapi("ExchangeToken");

export const UserSummarySchema = z
  .object({
    id: z.string().openapi({ example: "usr_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    role: z.enum(roles),
    display_name: z.string().nullable().openapi({ description: "Masked." }),
    agency_id: z.string().nullable(),
    area_ids: z.array(z.string()),
  })
  .openapi("UserSummary");

export const TokenSchema = z
  .object({
    access_token: z.string().openapi({ description: "Send as `Authorization: Bearer …`." }),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().openapi({ description: "Seconds until it expires.", example: 900 }),
    expires_at: z.string(),
    user: UserSummarySchema,
  })
  .openapi("Token");

export const exchangeToken = createRoute({
  method: "post",
  path: "/v1/tokens",
  operationId: "exchangeToken",
  tags: ["Identity"],
  security: keyOnly,
  summary: "Exchange a verified end-user identity for a short-lived token",
  request: { body: jsonBody(ExchangeTokenSchema) },
  responses: { 200: jsonContent(TokenSchema, "A token for the user."), ...commonErrors, ...authErrors },
});
export type ExchangeTokenRoute = typeof exchangeToken;

export const CallerSchema = z
  .object({
    jurisdiction_id: z.string(),
    key: z.object({ id: z.string(), kind: z.string(), scopes: z.array(z.string()) }),
    user: orNull(UserSummarySchema),
  })
  .openapi("Caller");

export const getCaller = createRoute({
  method: "get",
  path: "/v1/me",
  operationId: "getCaller",
  tags: ["Identity"],
  security: anyCredential,
  summary: "Who am I: the key, and the end user if a token was sent",
  responses: { 200: jsonContent(CallerSchema, "The caller."), ...commonErrors, ...authErrors },
});
export type GetCallerRoute = typeof getCaller;
