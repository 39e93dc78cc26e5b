import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import {
  CreatedWebhookEndpointSchema,
  CreateWebhookEndpointSchema,
  UpdateWebhookEndpointSchema,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
  WebhookIdParam,
  RotateWebhookSecretSchema,
} from "./webhooks.schemas.ts";

const base = { tags: ["Webhooks"], security: anyCredential };

export const createWebhookEndpoint = createRoute({
  ...base,
  method: "post",
  path: "/v1/webhooks",
  operationId: "createWebhookEndpoint",
  summary: "Register an endpoint for lifecycle events (signed per Standard Webhooks)",
  description:
    "Admin or integration keys, or admin users (an agency's admin: its own endpoints). Deliveries carry `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256>`; failures are retried with backoff for about a day; a 410 answer disables the endpoint.",
  request: { body: jsonBody(CreateWebhookEndpointSchema) },
  responses: { 201: jsonContent(CreatedWebhookEndpointSchema, "The endpoint, with its secret."), ...commonErrors, ...authErrors },
});
export type CreateWebhookEndpointRoute = typeof createWebhookEndpoint;

export const listWebhookEndpoints = createRoute({
  ...base,
  method: "get",
  path: "/v1/webhooks",
  operationId: "listWebhookEndpoints",
  summary: "List webhook endpoints, newest first",
  request: { query: pageQuery },
  responses: { 200: jsonContent(pageOf(WebhookEndpointSchema, "WebhookEndpointPage"), "A page of endpoints."), ...commonErrors, ...authErrors },
});
export type ListWebhookEndpointsRoute = typeof listWebhookEndpoints;

export const getWebhookEndpoint = createRoute({
  ...base,
  method: "get",
  path: "/v1/webhooks/{id}",
  operationId: "getWebhookEndpoint",
  summary: "Get one webhook endpoint",
  request: { params: WebhookIdParam },
  responses: { 200: jsonContent(WebhookEndpointSchema, "The endpoint."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetWebhookEndpointRoute = typeof getWebhookEndpoint;

export const updateWebhookEndpoint = createRoute({
  ...base,
  method: "patch",
  path: "/v1/webhooks/{id}",
  operationId: "updateWebhookEndpoint",
  summary: "Change an endpoint's URL or subscriptions, pause or resume it",
  request: { params: WebhookIdParam, body: jsonBody(UpdateWebhookEndpointSchema) },
  responses: { 200: jsonContent(WebhookEndpointSchema, "The endpoint."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type UpdateWebhookEndpointRoute = typeof updateWebhookEndpoint;

export const deleteWebhookEndpoint = createRoute({
  ...base,
  method: "delete",
  path: "/v1/webhooks/{id}",
  operationId: "deleteWebhookEndpoint",
  summary: "Delete an endpoint and its delivery history",
  request: { params: WebhookIdParam },
  responses: { 204: { description: "Deleted." }, ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type DeleteWebhookEndpointRoute = typeof deleteWebhookEndpoint;

export const listWebhookDeliveries = createRoute({
  ...base,
  method: "get",
  path: "/v1/webhooks/{id}/deliveries",
  operationId: "listWebhookDeliveries",
  summary: "An endpoint's deliveries, newest first",
  request: { params: WebhookIdParam, query: pageQuery },
  responses: { 200: jsonContent(pageOf(WebhookDeliverySchema, "WebhookDeliveryPage"), "A page of deliveries."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListWebhookDeliveriesRoute = typeof listWebhookDeliveries;

export const rotateWebhookSecret = createRoute({
  ...base,
  method: "post",
  path: "/v1/webhooks/{id}/rotate-secret",
  operationId: "rotateWebhookSecret",
  summary: "Replace an endpoint's signing secret, signing with both for a grace period",
  description:
    "The new secret is in this answer only. Until `previous_secret_expires_at`, every delivery's `webhook-signature` carries two signatures (`v1,<new> v1,<old>`), so a receiver verifying with either secret accepts it.",
  request: { params: WebhookIdParam, body: { ...jsonBody(RotateWebhookSecretSchema), required: false } },
  responses: {
    201: jsonContent(CreatedWebhookEndpointSchema, "The endpoint, with its new secret."),
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found", "conflict"),
  },
});
export type RotateWebhookSecretRoute = typeof rotateWebhookSecret;
