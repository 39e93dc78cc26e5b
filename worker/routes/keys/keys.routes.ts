import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { ApiKeySchema, CreateApiKeySchema, CreatedApiKeySchema, KeyIdParam, RotateApiKeySchema } from "./keys.schemas.ts";

const base = { tags: ["API keys"], security: anyCredential };

export const createApiKey = createRoute({
  ...base,
  method: "post",
  path: "/v1/keys",
  operationId: "createApiKey",
  summary: "Issue an API key for an app, kiosk, public account or integration",
  description: "Admin only. The secret is returned once; only its SHA-256 is stored.",
  request: { body: jsonBody(CreateApiKeySchema) },
  responses: { 201: jsonContent(CreatedApiKeySchema, "The new key, with its secret."), ...commonErrors, ...authErrors },
});
export type CreateApiKeyRoute = typeof createApiKey;

export const listApiKeys = createRoute({
  ...base,
  method: "get",
  path: "/v1/keys",
  operationId: "listApiKeys",
  summary: "List this jurisdiction's API keys, newest first",
  request: { query: pageQuery },
  responses: { 200: jsonContent(pageOf(ApiKeySchema, "ApiKeyPage"), "A page of keys."), ...commonErrors, ...authErrors },
});
export type ListApiKeysRoute = typeof listApiKeys;

export const getApiKey = createRoute({
  ...base,
  method: "get",
  path: "/v1/keys/{id}",
  operationId: "getApiKey",
  summary: "Get one API key",
  request: { params: KeyIdParam },
  responses: { 200: jsonContent(ApiKeySchema, "The key."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetApiKeyRoute = typeof getApiKey;

export const revokeApiKey = createRoute({
  ...base,
  method: "post",
  path: "/v1/keys/{id}/revoke",
  operationId: "revokeApiKey",
  summary: "Revoke an API key (and every end-user token issued through it)",
  request: { params: KeyIdParam },
  responses: { 200: jsonContent(ApiKeySchema, "The revoked key."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type RevokeApiKeyRoute = typeof revokeApiKey;

export const rotateApiKey = createRoute({
  ...base,
  method: "post",
  path: "/v1/keys/{id}/rotate",
  operationId: "rotateApiKey",
  summary: "Replace an API key, keeping the old one valid for a grace period",
  request: { params: KeyIdParam, body: { ...jsonBody(RotateApiKeySchema), required: false } },
  responses: {
    201: jsonContent(CreatedApiKeySchema, "The replacement key, with its secret."),
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found", "conflict"),
  },
});
export type RotateApiKeyRoute = typeof rotateApiKey;
