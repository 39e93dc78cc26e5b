import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { createAgency as create } from "../../services/agencies/create-agency.ts";
import { getAgency as get, listAgencies as list } from "../../services/agencies/list-agencies.ts";
import { presentAgency } from "../../services/agencies/present-agency.ts";
import { updateAgency as update } from "../../services/agencies/update-agency.ts";
import type { CreateAgencyRoute, GetAgencyRoute, ListAgenciesRoute, UpdateAgencyRoute } from "./agencies.routes.ts";

export const createAgency: RouteHandler<CreateAgencyRoute, AppEnv> = async (c) => {
  const row = await create({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json") });
  return c.json(presentAgency(row), 201, { location: `/v1/agencies/${row.id}` });
};

export const listAgencies: RouteHandler<ListAgenciesRoute, AppEnv> = async (c) =>
  c.json(await list({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getAgency: RouteHandler<GetAgencyRoute, AppEnv> = async (c) =>
  c.json(presentAgency(await get({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id })), 200);

export const updateAgency: RouteHandler<UpdateAgencyRoute, AppEnv> = async (c) => {
  const row = await update({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, input: c.req.valid("json") });
  return c.json(presentAgency(row), 200);
};
