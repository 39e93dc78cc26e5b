import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { convertLead as convertVerb } from "../../services/leads/convert-lead.ts";
import { createLead as createVerb } from "../../services/leads/create-lead.ts";
import { dismissLead as dismissVerb } from "../../services/leads/dismiss-lead.ts";
import { getLeadPhoto as getPhotoVerb } from "../../services/leads/get-lead-photo.ts";
import { putLeadPhoto as putPhotoVerb } from "../../services/leads/put-lead-photo.ts";
import { listLeads as listVerb } from "../../services/leads/list-leads.ts";
import { loadLead } from "../../services/leads/load-lead.ts";
import { presentLead } from "../../services/leads/present-lead.ts";
import type * as R from "./leads.routes.ts";

const show = async (c: Context<AppEnv>, id: string) => presentLead(await loadLead(c.get("deps"), caller(c), id));

export const createLead: RouteHandler<R.CreateLeadRoute, AppEnv> = async (c) => {
  const row = await createVerb({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json") });
  return c.json(presentLead(row), 201, { location: `/v1/leads/${row.id}` });
};

export const listLeads: RouteHandler<R.ListLeadsRoute, AppEnv> = async (c) =>
  c.json(await listVerb({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getLead: RouteHandler<R.GetLeadRoute, AppEnv> = async (c) => c.json(await show(c, c.req.valid("param").id), 200);

export const putLeadPhoto: RouteHandler<R.PutLeadPhotoRoute, AppEnv> = async (c) => {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const id = await putPhotoVerb({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, bytes });
  return c.json(await show(c, id), 200);
};

export const getLeadPhoto: RouteHandler<R.GetLeadPhotoRoute, AppEnv> = async (c) => {
  const blob = await getPhotoVerb({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id });
  return c.body(blob.body as Uint8Array<ArrayBuffer>, 200, { "content-type": blob.contentType, "cache-control": "private, max-age=300" });
};

export const convertLead: RouteHandler<R.ConvertLeadRoute, AppEnv> = async (c) => {
  const id = await convertVerb({
    deps: c.get("deps"),
    caller: caller(c),
    id: c.req.valid("param").id,
    serviceRequestId: c.req.valid("json").request_id,
    requestId: c.get("requestId"),
  });
  return c.json(await show(c, id), 200);
};

export const dismissLead: RouteHandler<R.DismissLeadRoute, AppEnv> = async (c) => {
  const id = await dismissVerb({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, reason: c.req.valid("json").reason, requestId: c.get("requestId") });
  return c.json(await show(c, id), 200);
};
