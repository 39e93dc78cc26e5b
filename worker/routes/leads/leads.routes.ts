import { createRoute, z } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent, tokenOnly } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { ConvertLeadSchema, CreateLeadSchema, DismissLeadSchema, LeadIdParam, LeadSchema, ListLeadsQuery } from "./leads.schemas.ts";

const tags = ["Volunteer leads"];
const one = (d: string) => ({ 200: jsonContent(LeadSchema, d) });
const image = z.string().openapi({ format: "binary" });

export const createLead = createRoute({
  tags,
  security: tokenOnly,
  method: "post",
  path: "/v1/leads",
  operationId: "createLead",
  summary: "Report a lead (线索), usually from a task; emits `lead.created`",
  request: { body: jsonBody(CreateLeadSchema) },
  responses: { 201: jsonContent(LeadSchema, "The lead."), ...commonErrors, ...authErrors },
});
export type CreateLeadRoute = typeof createLead;

export const listLeads = createRoute({
  tags,
  security: anyCredential,
  method: "get",
  path: "/v1/leads",
  operationId: "listLeads",
  summary: "Leads, newest first (staff: all; volunteers: their own)",
  request: { query: pageQuery.extend(ListLeadsQuery.shape) },
  responses: { 200: jsonContent(pageOf(LeadSchema, "LeadPage"), "A page of leads."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListLeadsRoute = typeof listLeads;

export const getLead = createRoute({
  tags,
  security: anyCredential,
  method: "get",
  path: "/v1/leads/{id}",
  operationId: "getLead",
  summary: "Get a lead",
  request: { params: LeadIdParam },
  responses: { ...one("The lead."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetLeadRoute = typeof getLead;

export const putLeadPhoto = createRoute({
  tags,
  security: tokenOnly,
  method: "put",
  path: "/v1/leads/{id}/photo",
  operationId: "putLeadPhoto",
  summary: "Attach a photo to your lead (JPEG, PNG or WebP; checked by content)",
  request: {
    params: LeadIdParam,
    body: { required: true, content: { "image/jpeg": { schema: image }, "image/png": { schema: image }, "image/webp": { schema: image } } },
  },
  responses: {
    ...one("The lead."),
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found", "invalid_transition", "payload_too_large", "unsupported_media_type"),
  },
});
export type PutLeadPhotoRoute = typeof putLeadPhoto;

export const getLeadPhoto = createRoute({
  tags,
  security: anyCredential,
  method: "get",
  path: "/v1/leads/{id}/photo",
  operationId: "getLeadPhoto",
  summary: "The lead's photo",
  request: { params: LeadIdParam },
  responses: {
    200: { description: "The image.", content: { "image/jpeg": { schema: image }, "image/png": { schema: image }, "image/webp": { schema: image } } },
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found"),
  },
});
export type GetLeadPhotoRoute = typeof getLeadPhoto;

export const convertLead = createRoute({
  tags,
  security: anyCredential,
  method: "post",
  path: "/v1/leads/{id}/convert",
  operationId: "convertLead",
  summary: "Link a lead to the service request an officer created from it",
  description:
    "Create the request through the requests API first, then record it here (or file it with `source_lead_id`, which does both at once). " +
    "The request must be one you can see (else 404, as for one that does not exist) and not yet linked to another lead (else 409). " +
    "In one change the lead becomes `converted` with `request_id`, and the request gets `source_lead_id` (a new version, so a new ETag) " +
    "and an internal `lead_linked` timeline event; `listLeads?request_id=` also finds the lead from the request. " +
    "Emits `lead.converted` and `request.lead_linked`.",
  request: { params: LeadIdParam, body: jsonBody(ConvertLeadSchema) },
  responses: { ...one("The lead."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict", "invalid_transition") },
});
export type ConvertLeadRoute = typeof convertLead;

export const dismissLead = createRoute({
  tags,
  security: anyCredential,
  method: "post",
  path: "/v1/leads/{id}/dismiss",
  operationId: "dismissLead",
  summary: "Close a lead that needs no request",
  request: { params: LeadIdParam, body: jsonBody(DismissLeadSchema) },
  responses: { ...one("The lead."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict", "invalid_transition") },
});
export type DismissLeadRoute = typeof dismissLead;
