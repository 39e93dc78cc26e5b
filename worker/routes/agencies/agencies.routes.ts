import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { AgencyIdParam, AgencySchema, CreateAgencySchema, ListAgenciesQuery, UpdateAgencySchema } from "./agencies.schemas.ts";

const base = { tags: ["Places"], security: anyCredential };

export const createAgency = createRoute({
  ...base,
  method: "post",
  path: "/v1/agencies",
  operationId: "createAgency",
  summary: "Register an agency: a police station, a department, a committee, a utility",
  description: "Admin only.",
  request: { body: jsonBody(CreateAgencySchema) },
  responses: { 201: jsonContent(AgencySchema, "The new agency."), ...commonErrors, ...authErrors },
});
export type CreateAgencyRoute = typeof createAgency;

export const listAgencies = createRoute({
  ...base,
  method: "get",
  path: "/v1/agencies",
  operationId: "listAgencies",
  summary: "List this jurisdiction's agencies",
  description: "Needs the `places:read` scope.",
  request: { query: pageQuery.extend(ListAgenciesQuery.shape) },
  responses: { 200: jsonContent(pageOf(AgencySchema, "AgencyPage"), "A page of agencies."), ...commonErrors, ...authErrors },
});
export type ListAgenciesRoute = typeof listAgencies;

export const getAgency = createRoute({
  ...base,
  method: "get",
  path: "/v1/agencies/{id}",
  operationId: "getAgency",
  summary: "Get one agency",
  request: { params: AgencyIdParam },
  responses: { 200: jsonContent(AgencySchema, "The agency."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetAgencyRoute = typeof getAgency;

export const updateAgency = createRoute({
  ...base,
  method: "patch",
  path: "/v1/agencies/{id}",
  operationId: "updateAgency",
  summary: "Change an agency's name, kind, area or phone",
  description: "Admin only. Fields left out are unchanged; `null` clears `area_id` or `phone`.",
  request: { params: AgencyIdParam, body: jsonBody(UpdateAgencySchema) },
  responses: { 200: jsonContent(AgencySchema, "The agency as changed."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type UpdateAgencyRoute = typeof updateAgency;
