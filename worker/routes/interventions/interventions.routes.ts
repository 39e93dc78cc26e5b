import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import {
  AssignSchema,
  CreateInterventionSchema,
  InterventionDetailSchema,
  InterventionIdParam,
  InterventionSchema,
  ListInterventionsQuery,
  NoteSchema,
  ResolveInterventionSchema,
  RevealedContactSchema,
} from "./interventions.schemas.ts";

const base = { tags: ["Interventions"], security: anyCredential };
const detail = jsonContent(InterventionDetailSchema, "The intervention with its timeline.");
const transitionErrors = { ...commonErrors, ...authErrors, ...errorsFor("not_found", "invalid_transition", "conflict") };

export const createIntervention = createRoute({
  ...base,
  method: "post",
  path: "/v1/interventions",
  operationId: "createIntervention",
  summary: "Open a stop-payment intervention (劝阻 / 止损)",
  description: "From a bank, a relative, the hotline or an officer. Goes to the area's duty officer with a response deadline (`sla_minutes`, default 10). Emits `intervention.created`.",
  request: { body: jsonBody(CreateInterventionSchema) },
  responses: { 201: detail, ...commonErrors, ...authErrors },
});
export type CreateInterventionRoute = typeof createIntervention;

export const listInterventions = createRoute({
  ...base,
  method: "get",
  path: "/v1/interventions",
  operationId: "listInterventions",
  summary: "Interventions this caller may see, newest first",
  request: { query: pageQuery.extend(ListInterventionsQuery.shape) },
  responses: { 200: jsonContent(pageOf(InterventionSchema, "InterventionPage"), "A page of interventions."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListInterventionsRoute = typeof listInterventions;

export const getIntervention = createRoute({
  ...base,
  method: "get",
  path: "/v1/interventions/{id}",
  operationId: "getIntervention",
  summary: "One intervention with its timeline",
  request: { params: InterventionIdParam },
  responses: { 200: detail, ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetInterventionRoute = typeof getIntervention;

export const acknowledgeIntervention = createRoute({
  ...base,
  method: "post",
  path: "/v1/interventions/{id}/acknowledge",
  operationId: "acknowledgeIntervention",
  summary: "The assigned officer (or the desk) has it in hand",
  request: { params: InterventionIdParam },
  responses: { 200: detail, ...transitionErrors },
});
export type AcknowledgeInterventionRoute = typeof acknowledgeIntervention;

export const assignIntervention = createRoute({
  ...base,
  method: "post",
  path: "/v1/interventions/{id}/assign",
  operationId: "assignIntervention",
  summary: "Hand the case to an officer (the desk)",
  request: { params: InterventionIdParam, body: jsonBody(AssignSchema) },
  responses: { 200: detail, ...transitionErrors },
});
export type AssignInterventionRoute = typeof assignIntervention;

export const addInterventionNote = createRoute({
  ...base,
  method: "post",
  path: "/v1/interventions/{id}/notes",
  operationId: "addInterventionNote",
  summary: "Add a note to the timeline",
  request: { params: InterventionIdParam, body: jsonBody(NoteSchema) },
  responses: { 201: detail, ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type AddInterventionNoteRoute = typeof addInterventionNote;

export const resolveIntervention = createRoute({
  ...base,
  method: "post",
  path: "/v1/interventions/{id}/resolve",
  operationId: "resolveIntervention",
  summary: "Record the outcome: stopped (amount saved), lost (amount), or not fraud",
  description: "Emits `intervention.resolved`.",
  request: { params: InterventionIdParam, body: jsonBody(ResolveInterventionSchema) },
  responses: { 200: detail, ...transitionErrors },
});
export type ResolveInterventionRoute = typeof resolveIntervention;

export const revealInterventionContact = createRoute({
  ...base,
  method: "post",
  path: "/v1/interventions/{id}/reveal-contact",
  operationId: "revealInterventionContact",
  summary: "The unmasked name and phone of the person at risk (audited)",
  request: { params: InterventionIdParam },
  responses: { 200: jsonContent(RevealedContactSchema, "The contact."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type RevealInterventionContactRoute = typeof revealInterventionContact;
