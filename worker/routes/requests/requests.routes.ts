import { createRoute, z } from "@hono/zod-openapi";
import { routeBodyLimit } from "../../middleware/body-limit.ts";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { PHOTO_UPLOAD_MAX_BYTES } from "../../lib/body-limits.ts";
import { MAX_PHOTO_BYTES } from "../../services/requests/add-photo.ts";
import {
  CommentBody,
  ContactSchema,
  CreateServiceRequestSchema,
  DispatchBody,
  DuplicateBody,
  EventSchema,
  IfMatchHeader,
  IfNoneMatchHeader,
  InvalidTransitionSchema,
  NoteBody,
  OptionalReasonBody,
  PhotoParams,
  PhotoSchema,
  PhotoUpload,
  RateBody,
  ReasonBody,
  RequestFiltersQuery,
  RequestIdParam,
  ResolveBody,
  ServiceRequestSchema,
  TransferBody,
} from "./requests.schemas.ts";

const base = { tags: ["Service requests"], security: anyCredential };
const RequestPage = pageOf(ServiceRequestSchema, "ServiceRequestPage");
const notModified = { 304: { description: "Not modified: your copy (If-None-Match) is current." } };
const listQuery = pageQuery.extend(RequestFiltersQuery.shape);

export const createServiceRequest = createRoute({
  ...base,
  method: "post",
  path: "/v1/requests",
  operationId: "createServiceRequest",
  summary: "File a request (群众点单) from any channel",
  description:
    "Residents file with their token (app, public account, kiosk, or `qr` with a doorplate code); staff file phone calls, walk-ins and requests for residents. Send `Idempotency-Key` so a retry never files twice.",
  request: { body: jsonBody(CreateServiceRequestSchema) },
  responses: { 201: jsonContent(ServiceRequestSchema, "The new request; ETag and Location headers."), ...commonErrors, ...authErrors },
});
export type CreateServiceRequestRoute = typeof createServiceRequest;

function listRoute<const P extends string, const O extends string>(path: P, operationId: O, summary: string, description: string, query = listQuery) {
  return createRoute({
    ...base,
    method: "get",
    path,
    operationId,
    summary,
    description,
    request: { query, headers: IfNoneMatchHeader },
    // 404: an `area_id` or `agency_id` filter naming nothing in the jurisdiction.
    responses: { 200: jsonContent(RequestPage, "A page of requests."), ...notModified, ...commonErrors, ...authErrors, ...errorsFor("not_found") },
  });
}

export const listServiceRequests = listRoute(
  "/v1/requests",
  "listServiceRequests",
  "List requests the caller may see, newest first",
  "Residents see only their own; staff what their agency and areas allow; the desk everything.",
);
export type ListServiceRequestsRoute = typeof listServiceRequests;
export const listDispatchInbox = listRoute(
  "/v1/requests/inbox",
  "listDispatchInbox",
  "The duty desk's inbox: waiting for dispatch, most urgent then oldest first",
  "Submitted, declined and reopened requests. Dispatchers and admins only.",
);
export type ListDispatchInboxRoute = typeof listDispatchInbox;
export const listAgencyQueue = listRoute(
  "/v1/requests/queue",
  "listAgencyQueue",
  "An agency's queue: requests with it, soonest due first",
  "Defaults to the caller's own agency (`agency_id` names another, for the desk).",
);
export type ListAgencyQueueRoute = typeof listAgencyQueue;
export const listMyServiceRequests = listRoute(
  "/v1/requests/mine",
  "listMyServiceRequests",
  "The requests the caller follows (a resident) or filed (staff, kiosks), newest first",
  "",
);
export type ListMyServiceRequestsRoute = typeof listMyServiceRequests;
export const listOverdueServiceRequests = listRoute(
  "/v1/requests/overdue",
  "listOverdueServiceRequests",
  "Requests past a due time and not yet resolved, most overdue first",
  "Staff only, within what they may see.",
);
export type ListOverdueServiceRequestsRoute = typeof listOverdueServiceRequests;

export const getServiceRequest = createRoute({
  ...base,
  method: "get",
  path: "/v1/requests/{id}",
  operationId: "getServiceRequest",
  summary: "Get one request (by id or tracking code), with its photos",
  request: { params: RequestIdParam, headers: IfNoneMatchHeader },
  responses: { 200: jsonContent(ServiceRequestSchema, "The request; its ETag names its version."), ...notModified, ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetServiceRequestRoute = typeof getServiceRequest;

export const listServiceRequestEvents = createRoute({
  ...base,
  method: "get",
  path: "/v1/requests/{id}/events",
  operationId: "listServiceRequestEvents",
  summary: "The request's timeline, oldest first",
  description: "Residents see public entries only, and never who among the staff acted.",
  request: { params: RequestIdParam, query: pageQuery },
  responses: { 200: jsonContent(pageOf(EventSchema, "ServiceRequestEventPage"), "A page of events."), ...notModified, ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListServiceRequestEventsRoute = typeof listServiceRequestEvents;

export const addServiceRequestComment = createRoute({
  ...base,
  method: "post",
  path: "/v1/requests/{id}/comments",
  operationId: "addServiceRequestComment",
  summary: "Add a public comment or an internal note to the timeline",
  request: { params: RequestIdParam, body: jsonBody(CommentBody) },
  responses: { 201: jsonContent(EventSchema, "The timeline entry."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type AddServiceRequestCommentRoute = typeof addServiceRequestComment;

// The app-wide limiter already allows this path its larger size (worker/lib/body-limits.ts), before
// anything reads the body; the route states the same cap as its own contract.
const photoLimit = routeBodyLimit(PHOTO_UPLOAD_MAX_BYTES, `A photo may be at most ${MAX_PHOTO_BYTES} bytes.`);

export const addServiceRequestPhoto = createRoute({
  ...base,
  method: "post",
  path: "/v1/requests/{id}/photos",
  operationId: "addServiceRequestPhoto",
  summary: "Attach a photo (multipart field `photo`)",
  description: "JPEG, PNG, WebP or GIF (checked by content), at most 5 MB, at most 6 per request.",
  middleware: [photoLimit] as const,
  request: { params: RequestIdParam, body: { required: true, content: { "multipart/form-data": { schema: PhotoUpload } } } },
  responses: {
    201: jsonContent(PhotoSchema, "The stored photo."),
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found", "capacity_full", "payload_too_large", "unsupported_media_type"),
  },
});
export type AddServiceRequestPhotoRoute = typeof addServiceRequestPhoto;

export const getServiceRequestPhoto = createRoute({
  ...base,
  method: "get",
  path: "/v1/requests/{id}/photos/{photo_id}",
  operationId: "getServiceRequestPhoto",
  summary: "Download a photo (only for callers who may see the request)",
  request: { params: PhotoParams },
  responses: {
    200: { description: "The image.", content: { "image/*": { schema: z.string().openapi({ type: "string", format: "binary" }) } } },
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found"),
  },
});
export type GetServiceRequestPhotoRoute = typeof getServiceRequestPhoto;

export const revealServiceRequestContact = createRoute({
  ...base,
  method: "post",
  path: "/v1/requests/{id}/reveal-contact",
  operationId: "revealServiceRequestContact",
  summary: "Reveal the reporter's unmasked contact (staff; audited)",
  request: { params: RequestIdParam },
  responses: { 200: jsonContent(ContactSchema, "The contact."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type RevealServiceRequestContactRoute = typeof revealServiceRequestContact;

function transitionRoute<const V extends string, const O extends string, B extends z.ZodType>(
  verb: V,
  operationId: O,
  summary: string,
  body: B,
  bodyRequired: boolean,
) {
  return createRoute({
    ...base,
    method: "post",
    path: `/v1/requests/{id}/${verb}` as `/v1/requests/{id}/${V}`,
    operationId,
    summary,
    description: "Send `If-Match` with the ETag of the request as you read it: 428 without, 412 when it has changed since.",
    request: { params: RequestIdParam, headers: IfMatchHeader, body: { ...jsonBody(body), required: bodyRequired } },
    responses: {
      200: jsonContent(ServiceRequestSchema, "The request after the transition; ETag names its new version."),
      ...commonErrors,
      ...authErrors,
      ...errorsFor("not_found", "conflict", "precondition_failed", "precondition_required"),
      409: { description: "Not allowed from the current status (`invalid_transition`, naming the allowed ones), or lost a race (`conflict`).", content: { "application/problem+json": { schema: InvalidTransitionSchema } } },
    },
  });
}

export const dispatchServiceRequest = transitionRoute("dispatch", "dispatchServiceRequest", "派单: send to an agency (the desk)", DispatchBody, false);
export type DispatchServiceRequestRoute = typeof dispatchServiceRequest;
export const acceptServiceRequest = transitionRoute("accept", "acceptServiceRequest", "接单: the assigned agency accepts", NoteBody, false);
export type AcceptServiceRequestRoute = typeof acceptServiceRequest;
export const declineServiceRequest = transitionRoute("decline", "declineServiceRequest", "The assigned agency hands it back to the desk, with a reason", ReasonBody, true);
export type DeclineServiceRequestRoute = typeof declineServiceRequest;
export const transferServiceRequest = transitionRoute("transfer", "transferServiceRequest", "Pass it to another agency", TransferBody, true);
export type TransferServiceRequestRoute = typeof transferServiceRequest;
export const startServiceRequest = transitionRoute("start", "startServiceRequest", "The agency starts work", NoteBody, false);
export type StartServiceRequestRoute = typeof startServiceRequest;
export const resolveServiceRequest = transitionRoute("resolve", "resolveServiceRequest", "办结: resolved, with what was done", ResolveBody, true);
export type ResolveServiceRequestRoute = typeof resolveServiceRequest;
export const rateServiceRequest = transitionRoute("rate", "rateServiceRequest", "评单: rate 1-5 (2 or less reopens and escalates)", RateBody, true);
export type RateServiceRequestRoute = typeof rateServiceRequest;
export const closeServiceRequest = transitionRoute("close", "closeServiceRequest", "Close a resolved or rated request (the desk)", NoteBody, false);
export type CloseServiceRequestRoute = typeof closeServiceRequest;
export const withdrawServiceRequest = transitionRoute("withdraw", "withdrawServiceRequest", "Withdraw (the resident, or the desk for them)", OptionalReasonBody, false);
export type WithdrawServiceRequestRoute = typeof withdrawServiceRequest;
export const markServiceRequestDuplicate = transitionRoute("mark-duplicate", "markServiceRequestDuplicate", "Mark as a duplicate of another request", DuplicateBody, true);
export type MarkServiceRequestDuplicateRoute = typeof markServiceRequestDuplicate;
export const markServiceRequestInvalid = transitionRoute("mark-invalid", "markServiceRequestInvalid", "Mark as invalid, with the reason", ReasonBody, true);
export type MarkServiceRequestInvalidRoute = typeof markServiceRequestInvalid;
export const reopenServiceRequest = transitionRoute("reopen", "reopenServiceRequest", "Reopen: back to the desk, escalated", ReasonBody, true);
export type ReopenServiceRequestRoute = typeof reopenServiceRequest;
