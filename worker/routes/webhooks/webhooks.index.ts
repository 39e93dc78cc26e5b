import { createRouter } from "../../lib/openapi.ts";
import * as h from "./webhooks.handlers.ts";
import * as r from "./webhooks.routes.ts";

export const webhooks = createRouter()
  .openapi(r.createWebhookEndpoint, h.createWebhookEndpoint)
  .openapi(r.listWebhookEndpoints, h.listWebhookEndpoints)
  .openapi(r.getWebhookEndpoint, h.getWebhookEndpoint)
  .openapi(r.updateWebhookEndpoint, h.updateWebhookEndpoint)
  .openapi(r.deleteWebhookEndpoint, h.deleteWebhookEndpoint)
  .openapi(r.listWebhookDeliveries, h.listWebhookDeliveries)
  .openapi(r.rotateWebhookSecret, h.rotateWebhookSecret);
