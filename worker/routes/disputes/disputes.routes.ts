import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import {
  AgreementBody,
  DisputeIdParam,
  DisputePartySchema,
  DisputeSchema,
  EscalateBody,
  FollowUpBody,
  FollowUpParams,
  FollowUpSchema,
  GradeBody,
  IfMatchHeader,
  ListDisputesQuery,
  ListFollowUpsQuery,
  MediationSessionSchema,
  PartyBody,
  SessionBody,
} from "./disputes.schemas.ts";

const base = { tags: ["Disputes"], security: anyCredential };
const errors = { ...commonErrors, ...authErrors, ...errorsFor("not_found") };
/** Changes of the dispute's state are decided on the version read, as request transitions are. */
const ifMatchRequired = "Send `If-Match` with the ETag of the dispute as you read it: 428 without, 412 when it has changed since.";
const conditionalErrors = errorsFor("precondition_failed", "precondition_required");
/** Appends (a party, a session, a visit) leave the dispute's version alone, like a request's comments. */
const append = "Adds to the file without changing the dispute's version (like a comment on a request), so it takes no `If-Match` and invalidates no one else's.";

export const listDisputes = createRoute({
  ...base,
  method: "get",
  path: "/v1/disputes",
  operationId: "listDisputes",
  summary: "List disputes (staff), newest first",
  request: { query: pageQuery.extend(ListDisputesQuery.shape) },
  responses: { 200: jsonContent(pageOf(DisputeSchema, "DisputePage"), "A page of disputes."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListDisputesRoute = typeof listDisputes;

export const listDisputeFollowUps = createRoute({
  ...base,
  method: "get",
  path: "/v1/disputes/follow-ups",
  operationId: "listDisputeFollowUps",
  summary: "Scheduled follow-up visits (回访), soonest due first",
  request: { query: pageQuery.extend(ListFollowUpsQuery.shape) },
  responses: { 200: jsonContent(pageOf(FollowUpSchema, "DisputeFollowUpPage"), "A page of visits."), ...commonErrors, ...authErrors },
});
export type ListDisputeFollowUpsRoute = typeof listDisputeFollowUps;

export const getDispute = createRoute({
  ...base,
  method: "get",
  path: "/v1/disputes/{id}",
  operationId: "getDispute",
  summary: "The mediation file: grade and its history, level, parties, sessions, agreement, follow-ups",
  request: { params: DisputeIdParam },
  responses: { 200: jsonContent(DisputeSchema, "The dispute."), ...errors },
});
export type GetDisputeRoute = typeof getDispute;

export const gradeDispute = createRoute({
  ...base,
  method: "post",
  path: "/v1/disputes/{id}/grade",
  operationId: "gradeDispute",
  summary: "Change the colour grade (kept in the history)",
  description: ifMatchRequired,
  request: { params: DisputeIdParam, headers: IfMatchHeader, body: jsonBody(GradeBody) },
  responses: { 200: jsonContent(DisputeSchema, "The dispute; its ETag names its new version."), ...errors, ...errorsFor("conflict"), ...conditionalErrors },
});
export type GradeDisputeRoute = typeof gradeDispute;

export const escalateDispute = createRoute({
  ...base,
  method: "post",
  path: "/v1/disputes/{id}/escalate",
  operationId: "escalateDispute",
  summary: "Escalate mediation one level (grid → town/station → county)",
  description: ifMatchRequired,
  request: { params: DisputeIdParam, headers: IfMatchHeader, body: jsonBody(EscalateBody) },
  responses: { 200: jsonContent(DisputeSchema, "The dispute; its ETag names its new version."), ...errors, ...errorsFor("invalid_transition"), ...conditionalErrors },
});
export type EscalateDisputeRoute = typeof escalateDispute;

export const addDisputeParty = createRoute({
  ...base,
  method: "post",
  path: "/v1/disputes/{id}/parties",
  operationId: "addDisputeParty",
  summary: "Add a party",
  description: append,
  request: { params: DisputeIdParam, body: jsonBody(PartyBody) },
  responses: { 201: jsonContent(DisputePartySchema, "The party (masked)."), ...errors },
});
export type AddDisputePartyRoute = typeof addDisputeParty;

export const recordMediationSession = createRoute({
  ...base,
  method: "post",
  path: "/v1/disputes/{id}/sessions",
  operationId: "recordMediationSession",
  summary: "Record a mediation session",
  description: append,
  request: { params: DisputeIdParam, body: jsonBody(SessionBody) },
  responses: { 201: jsonContent(MediationSessionSchema, "The session."), ...errors },
});
export type RecordMediationSessionRoute = typeof recordMediationSession;

export const recordMediationAgreement = createRoute({
  ...base,
  method: "post",
  path: "/v1/disputes/{id}/agreement",
  operationId: "recordMediationAgreement",
  summary: "Record the signed agreement (调解协议书): mediation succeeded",
  description: ifMatchRequired,
  request: { params: DisputeIdParam, headers: IfMatchHeader, body: jsonBody(AgreementBody) },
  responses: { 200: jsonContent(DisputeSchema, "The dispute; its ETag names its new version."), ...errors, ...errorsFor("invalid_transition"), ...conditionalErrors },
});
export type RecordMediationAgreementRoute = typeof recordMediationAgreement;

export const recordDisputeFollowUp = createRoute({
  ...base,
  method: "post",
  path: "/v1/disputes/{id}/follow-ups/{follow_up_id}",
  operationId: "recordDisputeFollowUp",
  summary: "Record a follow-up visit (回访)",
  description: append,
  request: { params: FollowUpParams, body: jsonBody(FollowUpBody) },
  responses: { 200: jsonContent(FollowUpSchema, "The visit."), ...errors, ...errorsFor("invalid_transition") },
});
export type RecordDisputeFollowUpRoute = typeof recordDisputeFollowUp;
