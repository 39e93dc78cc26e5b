import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { createIntervention as create } from "../../services/interventions/create-intervention.ts";
import { getIntervention as get, listInterventions as list } from "../../services/interventions/list-interventions.ts";
import {
  acknowledgeIntervention as acknowledge,
  assignIntervention as assign,
  noteIntervention,
  resolveIntervention as resolve,
  revealInterventionContact as reveal,
} from "../../services/interventions/transitions.ts";
import type * as R from "./interventions.routes.ts";

const detail = (c: Context<AppEnv>, id: string) => get({ deps: c.get("deps"), caller: caller(c), id });

export const createIntervention: RouteHandler<R.CreateInterventionRoute, AppEnv> = async (c) => {
  const id = await create({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json") });
  return c.json(await get({ deps: c.get("deps"), caller: caller(c), id }), 201, { location: `/v1/interventions/${id}` });
};

export const listInterventions: RouteHandler<R.ListInterventionsRoute, AppEnv> = async (c) =>
  c.json(await list({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getIntervention: RouteHandler<R.GetInterventionRoute, AppEnv> = async (c) => c.json(await detail(c, c.req.valid("param").id), 200);

export const acknowledgeIntervention: RouteHandler<R.AcknowledgeInterventionRoute, AppEnv> = async (c) => {
  const id = await acknowledge({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id });
  return c.json(await detail(c, id), 200);
};

export const assignIntervention: RouteHandler<R.AssignInterventionRoute, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const id = await assign({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, officerId: body.officer_id, note: body.note });
  return c.json(await detail(c, id), 200);
};

export const addInterventionNote: RouteHandler<R.AddInterventionNoteRoute, AppEnv> = async (c) => {
  const id = await noteIntervention({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, note: c.req.valid("json").note });
  return c.json(await detail(c, id), 201);
};

export const resolveIntervention: RouteHandler<R.ResolveInterventionRoute, AppEnv> = async (c) => {
  const id = await resolve({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, input: c.req.valid("json") });
  return c.json(await detail(c, id), 200);
};

export const revealInterventionContact: RouteHandler<R.RevealInterventionContactRoute, AppEnv> = async (c) => {
  const contact = await reveal({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, requestId: c.get("requestId") });
  return c.json(contact, 200, { "cache-control": "no-store" });
};
