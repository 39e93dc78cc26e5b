import { createRoute, z } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import {
  AlertIdParam,
  AlertSchema,
  AlertStatsQuery,
  AlertStatsSchema,
  AreaFeedParam,
  AreaFeedQuery,
  CancelAlertSchema,
  CreateAlertSchema,
  DoorplateAlertParam,
  DoorplateParam,
  EditAlertSchema,
  HouseholdReceiptSchema,
  InboxItemSchema,
  InboxQuery,
  ListAlertsQuery,
  ReceiptBatchResultSchema,
  ReceiptSchema,
  RecordReceiptSchema,
  RecordReceiptsSchema,
} from "./alerts.schemas.ts";

const tags = ["Alerts"];
const base = { tags, security: anyCredential };
const etagHeader = { ETag: { description: "Send back as `If-Match` to edit only the version you read.", schema: { type: "string" as const } } };
const xml = (media: string, description: string) => ({ description, content: { [media]: { schema: z.string() } } });
const InboxPage = pageOf(InboxItemSchema, "InboxAlertPage");

export const listAlertInbox = createRoute({
  ...base,
  method: "get",
  path: "/v1/alerts/inbox",
  operationId: "listAlertInbox",
  summary: "The active alerts covering this resident or kiosk, unread first",
  description:
    "A resident token reads for the resident (their areas, plus `area_id` if given: it widens what they see, while their receipts count at their own areas unless they have none); a kiosk key reads for the kiosk at `area_id`. Alerts aimed at an area reach every area under it.",
  request: { query: pageQuery.extend(InboxQuery.shape) },
  responses: { 200: jsonContent(InboxPage, "A page of alerts."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListAlertInboxRoute = typeof listAlertInbox;

export const recordAlertReceipts = createRoute({
  ...base,
  method: "post",
  path: "/v1/alerts/receipts",
  operationId: "recordAlertReceipts",
  summary: "Mark several alerts delivered, read or acknowledged for this reader",
  description: "Idempotent: each time is recorded once, the first time. Suited to a kiosk syncing its offline queue.",
  request: { body: jsonBody(RecordReceiptsSchema) },
  responses: { 200: jsonContent(ReceiptBatchResultSchema, "What was recorded."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type RecordAlertReceiptsRoute = typeof recordAlertReceipts;

export const createAlert = createRoute({
  ...base,
  method: "post",
  path: "/v1/alerts",
  operationId: "createAlert",
  summary: "Draft an alert",
  description: "Officers (for their own areas), the duty desk and admins. Nothing is sent until `publishAlert`.",
  request: { body: jsonBody(CreateAlertSchema) },
  responses: { 201: { ...jsonContent(AlertSchema, "The draft."), headers: etagHeader }, ...commonErrors, ...authErrors },
});
export type CreateAlertRoute = typeof createAlert;

export const listAlerts = createRoute({
  ...base,
  method: "get",
  path: "/v1/alerts",
  operationId: "listAlerts",
  summary: "List alert versions, newest first (staff)",
  request: { query: pageQuery.extend(ListAlertsQuery.shape) },
  responses: { 200: jsonContent(pageOf(AlertSchema, "AlertPage"), "A page of alert versions."), ...commonErrors, ...authErrors },
});
export type ListAlertsRoute = typeof listAlerts;

export const getAlert = createRoute({
  ...base,
  method: "get",
  path: "/v1/alerts/{id}",
  operationId: "getAlert",
  summary: "Get one alert version",
  request: { params: AlertIdParam },
  responses: { 200: { ...jsonContent(AlertSchema, "The alert."), headers: etagHeader }, ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetAlertRoute = typeof getAlert;

export const editAlert = createRoute({
  ...base,
  method: "patch",
  path: "/v1/alerts/{id}",
  operationId: "editAlert",
  summary: "Change a draft",
  description: "Only drafts change in place. A sent alert changes through `issueAlertUpdate`, which CAP relays as an Update.",
  request: {
    params: AlertIdParam,
    headers: z.object({ "if-match": z.string().optional().openapi({ description: "The ETag you read; the edit fails with 412 if the draft changed since." }) }),
    body: jsonBody(EditAlertSchema),
  },
  responses: {
    200: { ...jsonContent(AlertSchema, "The draft."), headers: etagHeader },
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found", "invalid_transition", "conflict", "precondition_failed"),
  },
});
export type EditAlertRoute = typeof editAlert;

export const publishAlert = createRoute({
  ...base,
  method: "post",
  path: "/v1/alerts/{id}/publish",
  operationId: "publishAlert",
  summary: "Send a draft (CAP Alert)",
  description: "Costs the same for a thousand households as for a million: no per-recipient rows are written.",
  request: { params: AlertIdParam },
  responses: {
    200: jsonContent(AlertSchema, "The sent alert."),
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found", "invalid_transition", "conflict", "unprocessable"),
  },
});
export type PublishAlertRoute = typeof publishAlert;

export const issueAlertUpdate = createRoute({
  ...base,
  method: "post",
  path: "/v1/alerts/{id}/update",
  operationId: "issueAlertUpdate",
  summary: "Send a corrected version of a published alert (CAP Update)",
  description: "Creates a new published version that references every earlier one; the one named here becomes `superseded`. Fields left out keep their values.",
  request: { params: AlertIdParam, body: jsonBody(EditAlertSchema) },
  responses: {
    201: jsonContent(AlertSchema, "The new version."),
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found", "invalid_transition", "conflict", "unprocessable"),
  },
});
export type IssueAlertUpdateRoute = typeof issueAlertUpdate;

export const cancelAlert = createRoute({
  ...base,
  method: "post",
  path: "/v1/alerts/{id}/cancel",
  operationId: "cancelAlert",
  summary: "Withdraw a published alert (CAP Cancel)",
  request: { params: AlertIdParam, body: { ...jsonBody(CancelAlertSchema), required: false } },
  responses: {
    201: jsonContent(AlertSchema, "The Cancel message, the chain's final version."),
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found", "invalid_transition", "conflict"),
  },
});
export type CancelAlertRoute = typeof cancelAlert;

export const getAlertStats = createRoute({
  ...base,
  method: "get",
  path: "/v1/alerts/{id}/stats",
  operationId: "getAlertStats",
  summary: "Audience, deliveries, reads and acknowledgements of one alert version, by area",
  request: { params: AlertIdParam, query: AlertStatsQuery },
  responses: { 200: jsonContent(AlertStatsSchema, "The figures."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetAlertStatsRoute = typeof getAlertStats;

export const getAlertCap = createRoute({
  tags,
  method: "get",
  path: "/v1/alerts/{id}/cap.xml",
  operationId: "getAlertCap",
  summary: "One alert version as an OASIS CAP 1.2 message",
  description: "Public for sent versions, so sirens, screens and aggregators can relay them. Drafts only to their authors (`<status>Draft</status>`).",
  request: { params: AlertIdParam },
  responses: { 200: xml("application/cap+xml", "The CAP 1.2 message."), ...commonErrors, ...errorsFor("not_found") },
});
export type GetAlertCapRoute = typeof getAlertCap;

export const recordAlertReceipt = createRoute({
  ...base,
  method: "post",
  path: "/v1/alerts/{id}/receipts",
  operationId: "recordAlertReceipt",
  summary: "Mark one alert delivered, read or acknowledged for this reader",
  description: "Always for the caller itself (the resident of the token, or the kiosk of the key). Idempotent. 404 if the alert does not cover the reader.",
  request: { params: AlertIdParam, body: jsonBody(RecordReceiptSchema) },
  responses: { 200: jsonContent(ReceiptSchema, "The receipt."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type RecordAlertReceiptRoute = typeof recordAlertReceipt;

export const listDoorplateAlerts = createRoute({
  tags,
  method: "get",
  path: "/v1/doorplates/{code}/alerts",
  operationId: "listDoorplateAlerts",
  summary: "The active alerts covering a household, by its doorplate code, unread first",
  description: "No login: the code printed on the doorplate is the household's credential. Reveals nothing about the occupants.",
  request: { params: DoorplateParam, query: pageQuery },
  responses: { 200: jsonContent(InboxPage, "A page of alerts."), ...commonErrors, ...errorsFor("not_found") },
});
export type ListDoorplateAlertsRoute = typeof listDoorplateAlerts;

export const recordDoorplateAlertReceipt = createRoute({
  tags,
  method: "post",
  path: "/v1/doorplates/{code}/alerts/{id}/receipts",
  operationId: "recordDoorplateAlertReceipt",
  summary: "Mark an alert delivered, read or acknowledged for a household",
  request: { params: DoorplateAlertParam, body: jsonBody(HouseholdReceiptSchema) },
  responses: { 200: jsonContent(ReceiptSchema, "The receipt."), ...commonErrors, ...errorsFor("not_found") },
});
export type RecordDoorplateAlertReceiptRoute = typeof recordDoorplateAlertReceipt;

export const getAreaAlertFeed = createRoute({
  tags,
  method: "get",
  path: "/v1/areas/{id}/alerts.atom",
  operationId: "getAreaAlertFeed",
  summary: "Atom feed of the active CAP alerts in an area",
  description: "Each entry carries the full CAP 1.2 message. Recent cancellations stay listed for a day so relays can withdraw them. Public.",
  request: { params: AreaFeedParam, query: AreaFeedQuery },
  responses: { 200: xml("application/atom+xml", "The feed."), ...commonErrors, ...errorsFor("not_found") },
});
export type GetAreaAlertFeedRoute = typeof getAreaAlertFeed;
