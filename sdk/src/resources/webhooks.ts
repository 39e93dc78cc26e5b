import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Webhooks. */
export class Webhooks extends Resource {
  /** Register an endpoint for lifecycle events (signed per Standard Webhooks). */
  create(body: Body<"createWebhookEndpoint">, o?: RequestOptions) {
    return this.client.call("createWebhookEndpoint", { body }, o);
  }
  /** List webhook endpoints, newest first. */
  list(query?: QueryParams<"listWebhookEndpoints">, o?: RequestOptions) {
    return this.client.list("listWebhookEndpoints", { query }, o);
  }
  /** Get one webhook endpoint. */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getWebhookEndpoint", { path: { id } }, o);
  }
  /** Change an endpoint's URL or subscriptions, pause or resume it. */
  update(id: string, body: Body<"updateWebhookEndpoint">, o?: RequestOptions) {
    return this.client.call("updateWebhookEndpoint", { path: { id }, body }, o);
  }
  /** Delete an endpoint and its delivery history. */
  delete(id: string, o?: RequestOptions) {
    return this.client.call("deleteWebhookEndpoint", { path: { id } }, o);
  }
  /** An endpoint's deliveries, newest first. */
  listDeliveries(id: string, query?: QueryParams<"listWebhookDeliveries">, o?: RequestOptions) {
    return this.client.list("listWebhookDeliveries", { path: { id }, query }, o);
  }
  /** Replace an endpoint's signing secret, signing with both for a grace period. */
  rotateSecret(id: string, body?: Body<"rotateWebhookSecret">, o?: RequestOptions) {
    return this.client.call("rotateWebhookSecret", { path: { id }, body }, o);
  }
}
