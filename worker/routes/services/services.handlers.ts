import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { createService as create } from "../../services/catalogue/create-service.ts";
import { getService as get } from "../../services/catalogue/get-service.ts";
import { listServices as list } from "../../services/catalogue/list-services.ts";
import { presentService } from "../../services/catalogue/present-service.ts";
import { retireService as retire } from "../../services/catalogue/retire-service.ts";
import { updateService as update } from "../../services/catalogue/update-service.ts";
import type { CreateServiceRoute, GetServiceRoute, ListServicesRoute, RetireServiceRoute, UpdateServiceRoute } from "./services.routes.ts";

export const listServices: RouteHandler<ListServicesRoute, AppEnv> = async (c) =>
  c.json(await list({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getService: RouteHandler<GetServiceRoute, AppEnv> = async (c) => {
  const row = await get({ deps: c.get("deps"), jurisdictionId: caller(c).jurisdictionId, code: c.req.valid("param").code });
  return c.json(presentService(row), 200);
};

export const createService: RouteHandler<CreateServiceRoute, AppEnv> = async (c) => {
  const row = await create({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json"), requestId: c.get("requestId") });
  return c.json(presentService(row), 201, { location: `/v1/services/${row.code}` });
};

export const updateService: RouteHandler<UpdateServiceRoute, AppEnv> = async (c) => {
  const row = await update({ deps: c.get("deps"), caller: caller(c), code: c.req.valid("param").code, patch: c.req.valid("json"), requestId: c.get("requestId") });
  return c.json(presentService(row), 200);
};

export const retireService: RouteHandler<RetireServiceRoute, AppEnv> = async (c) => {
  const row = await retire({ deps: c.get("deps"), caller: caller(c), code: c.req.valid("param").code, requestId: c.get("requestId") });
  return c.json(presentService(row), 200);
};
