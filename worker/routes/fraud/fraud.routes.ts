import { createRoute, z } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { anonymousCheckLimit } from "./check-limit.ts";
import {
  CheckIndicatorSchema,
  CheckResultSchema,
  DecideIndicatorSchema,
  IndicatorIdParam,
  IndicatorSchema,
  ListIndicatorsQuery,
  PhotoSchema,
  ReportIdParam,
  ReportIndicatorSchema,
  ReportPhotoParam,
  ReportSchema,
  StaffReportSchema,
} from "./fraud.schemas.ts";

const tags = ["Fraud"];
const base = { tags, security: anyCredential };
const binary = z.string().openapi({ type: "string", format: "binary" });
const images = { "image/jpeg": { schema: binary }, "image/png": { schema: binary }, "image/webp": { schema: binary } };

export const checkFraudIndicator = createRoute({
  tags,
  method: "post",
  path: "/v1/fraud/checks",
  operationId: "checkFraudIndicator",
  summary: "Check a phone number, link, account, QR code, app or social account before paying",
  description:
    "The value travels in the body, never in the URL, so it stays out of logs. The answer never names reporters. Without a credential, name the jurisdiction; such checks are limited per address.",
  middleware: [anonymousCheckLimit()] as const,
  request: { body: jsonBody(CheckIndicatorSchema) },
  responses: { 200: jsonContent(CheckResultSchema, "The verdict."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type CheckFraudIndicatorRoute = typeof checkFraudIndicator;

export const reportFraudIndicator = createRoute({
  ...base,
  method: "post",
  path: "/v1/fraud/reports",
  operationId: "reportFraudIndicator",
  summary: "Report a suspicious phone number, link, account, QR code, app or social account",
  description:
    "Reporting the same value again revises your earlier report: one reporter counts once. Only a keyed hash and a masked form of the value are stored. Staff working a 劝阻/止损 case file what the fraudster used with `intervention_id`: it is listed on the case.",
  request: { body: jsonBody(ReportIndicatorSchema) },
  responses: { 201: jsonContent(ReportSchema, "Your report."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ReportFraudIndicatorRoute = typeof reportFraudIndicator;

export const listMyFraudReports = createRoute({
  ...base,
  method: "get",
  path: "/v1/fraud/reports",
  operationId: "listMyFraudReports",
  summary: "Your own reports and what became of them, newest first",
  request: { query: pageQuery },
  responses: { 200: jsonContent(pageOf(ReportSchema, "FraudReportPage"), "A page of your reports."), ...commonErrors, ...authErrors },
});
export type ListMyFraudReportsRoute = typeof listMyFraudReports;

export const addFraudReportPhoto = createRoute({
  ...base,
  method: "post",
  path: "/v1/fraud/reports/{id}/photos",
  operationId: "addFraudReportPhoto",
  summary: "Attach a screenshot or photo to your report (JPEG, PNG or WebP, at most 4)",
  request: { params: ReportIdParam, body: { required: true, content: images } },
  responses: {
    201: jsonContent(PhotoSchema, "The stored photo."),
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found", "capacity_full", "payload_too_large", "unsupported_media_type", "conflict"),
  },
});
export type AddFraudReportPhotoRoute = typeof addFraudReportPhoto;

export const getFraudReportPhoto = createRoute({
  ...base,
  method: "get",
  path: "/v1/fraud/reports/{id}/photos/{index}",
  operationId: "getFraudReportPhoto",
  summary: "A report's photo (its reporter, or staff reviewing reports)",
  request: { params: ReportPhotoParam },
  responses: { 200: { description: "The image.", content: images }, ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetFraudReportPhotoRoute = typeof getFraudReportPhoto;

export const listFraudIndicators = createRoute({
  ...base,
  method: "get",
  path: "/v1/fraud/indicators",
  operationId: "listFraudIndicators",
  summary: "The review queue of reported values, most recently reported first (staff)",
  request: { query: pageQuery.extend(ListIndicatorsQuery.shape) },
  responses: { 200: jsonContent(pageOf(IndicatorSchema, "FraudIndicatorPage"), "A page of indicators."), ...commonErrors, ...authErrors },
});
export type ListFraudIndicatorsRoute = typeof listFraudIndicators;

export const getFraudIndicator = createRoute({
  ...base,
  method: "get",
  path: "/v1/fraud/indicators/{id}",
  operationId: "getFraudIndicator",
  summary: "One indicator (staff)",
  request: { params: IndicatorIdParam },
  responses: { 200: jsonContent(IndicatorSchema, "The indicator."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetFraudIndicatorRoute = typeof getFraudIndicator;

export const listFraudIndicatorReports = createRoute({
  ...base,
  method: "get",
  path: "/v1/fraud/indicators/{id}/reports",
  operationId: "listFraudIndicatorReports",
  summary: "The reports behind an indicator (staff)",
  request: { params: IndicatorIdParam, query: pageQuery },
  responses: { 200: jsonContent(pageOf(StaffReportSchema, "FraudReportForStaffPage"), "A page of reports."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListFraudIndicatorReportsRoute = typeof listFraudIndicatorReports;

const decide = (verb: "confirm" | "dismiss", summary: string) =>
  createRoute({
    ...base,
    method: "post",
    path: `/v1/fraud/indicators/{id}/${verb}`,
    operationId: `${verb}FraudIndicator`,
    summary,
    request: { params: IndicatorIdParam, body: { ...jsonBody(DecideIndicatorSchema), required: false } },
    responses: { 200: jsonContent(IndicatorSchema, "The indicator."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "invalid_transition", "conflict") },
  });

export const confirmFraudIndicator = decide("confirm", "Confirm an indicator is used in fraud: checks then answer `confirmed`");
export type ConfirmFraudIndicatorRoute = typeof confirmFraudIndicator;
export const dismissFraudIndicator = decide("dismiss", "Dismiss an indicator as not fraud: checks then answer `none`");
export type DismissFraudIndicatorRoute = typeof dismissFraudIndicator;
