import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { CreateServiceSchema, ListServicesQuery, ServiceCodeParam, ServiceSchema, UpdateServiceSchema } from "./services.schemas.ts";

const base = { tags: ["Service catalogue"], security: anyCredential };

export const listServices = createRoute({
  ...base,
  method: "get",
  path: "/v1/services",
  operationId: "listServices",
  summary: "List the services residents can request, by code",
  request: { query: pageQuery.extend(ListServicesQuery.shape) },
  responses: { 200: jsonContent(pageOf(ServiceSchema, "ServicePage"), "A page of services."), ...commonErrors, ...authErrors },
});
export type ListServicesRoute = typeof listServices;

export const getService = createRoute({
  ...base,
  method: "get",
  path: "/v1/services/{code}",
  operationId: "getService",
  summary: "Get one service with its attribute definitions and SLA",
  request: { params: ServiceCodeParam },
  responses: { 200: jsonContent(ServiceSchema, "The service."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetServiceRoute = typeof getService;

export const createService = createRoute({
  ...base,
  method: "post",
  path: "/v1/services",
  operationId: "createService",
  summary: "Add a service to the catalogue",
  description: "Administrators only.",
  request: { body: jsonBody(CreateServiceSchema) },
  responses: { 201: jsonContent(ServiceSchema, "The new service."), ...commonErrors, ...authErrors, ...errorsFor("conflict") },
});
export type CreateServiceRoute = typeof createService;

export const updateService = createRoute({
  ...base,
  method: "patch",
  path: "/v1/services/{code}",
  operationId: "updateService",
  summary: "Change a service (names, attributes, default agency, SLA, active)",
  description: "Administrators only. Applies to requests filed afterwards.",
  request: { params: ServiceCodeParam, body: jsonBody(UpdateServiceSchema) },
  responses: { 200: jsonContent(ServiceSchema, "The service."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type UpdateServiceRoute = typeof updateService;

export const retireService = createRoute({
  ...base,
  method: "delete",
  path: "/v1/services/{code}",
  operationId: "retireService",
  summary: "Retire a service: no new requests; existing ones keep it",
  request: { params: ServiceCodeParam },
  responses: { 200: jsonContent(ServiceSchema, "The retired service."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type RetireServiceRoute = typeof retireService;
