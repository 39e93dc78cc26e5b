import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { graceSecondsOf } from "../../lib/grace.ts";
import { createWebhookEndpoint as create } from "../../services/webhooks/create-endpoint.ts";
import { deleteWebhookEndpoint as remove } from "../../services/webhooks/delete-endpoint.ts";
import { getWebhookEndpoint as get } from "../../services/webhooks/get-endpoint.ts";
import { listWebhookDeliveries as listDeliveries } from "../../services/webhooks/list-deliveries.ts";
import { listWebhookEndpoints as list } from "../../services/webhooks/list-endpoints.ts";
import { presentEndpoint } from "../../services/webhooks/present.ts";
import { rotateWebhookSecret as rotate } from "../../services/webhooks/rotate-secret.ts";
import { updateWebhookEndpoint as update } from "../../services/webhooks/update-endpoint.ts";
import type * as R from "./webhooks.routes.ts";

export const createWebhookEndpoint: RouteHandler<R.CreateWebhookEndpointRoute, AppEnv> = async (c) => {
  const { row, secret } = await create({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json"), requestId: c.get("requestId") });
  return c.json({ ...presentEndpoint(row), secret }, 201, { location: `/v1/webhooks/${row.id}`, "cache-control": "no-store" });
};

export const listWebhookEndpoints: RouteHandler<R.ListWebhookEndpointsRoute, AppEnv> = async (c) =>
  c.json(await list({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getWebhookEndpoint: RouteHandler<R.GetWebhookEndpointRoute, AppEnv> = async (c) =>
  c.json(presentEndpoint(await get({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id })), 200);

export const updateWebhookEndpoint: RouteHandler<R.UpdateWebhookEndpointRoute, AppEnv> = async (c) =>
  c.json(presentEndpoint(await update({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, patch: c.req.valid("json") })), 200);

export const deleteWebhookEndpoint: RouteHandler<R.DeleteWebhookEndpointRoute, AppEnv> = async (c) => {
  await remove({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, requestId: c.get("requestId") });
  return c.body(null, 204);
};

export const listWebhookDeliveries: RouteHandler<R.ListWebhookDeliveriesRoute, AppEnv> = async (c) =>
  c.json(await listDeliveries({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, query: c.req.valid("query") }), 200);

export const rotateWebhookSecret: RouteHandler<R.RotateWebhookSecretRoute, AppEnv> = async (c) => {
  const { row, secret } = await rotate({
    deps: c.get("deps"),
    caller: caller(c),
    id: c.req.valid("param").id,
    graceSeconds: graceSecondsOf(c.req.valid("json")),
    requestId: c.get("requestId"),
  });
  return c.json({ ...presentEndpoint(row), secret }, 201, { location: `/v1/webhooks/${row.id}`, "cache-control": "no-store" });
};
