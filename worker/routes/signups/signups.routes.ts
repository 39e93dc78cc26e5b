import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent, tokenOnly } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { TaskIdParam } from "../tasks/tasks.schemas.ts";
import { ConfirmAttendanceSchema, PresenceSchema, SignupIdParam, SignupListQuery, SignupSchema } from "./signups.schemas.ts";

const tags = ["Volunteer tasks"];
const one = (d: string) => ({ 200: jsonContent(SignupSchema, d) });
const stateErrors = errorsFor("not_found", "conflict", "invalid_transition");

export const signUpForTask = createRoute({
  tags,
  security: tokenOnly,
  method: "post",
  path: "/v1/tasks/{id}/signups",
  operationId: "signUpForTask",
  summary: "Sign yourself up: confirmed while places are left, else waitlisted",
  description:
    "Refused (403) when the task requires verification, a team or skills you lack; (409) when you are already signed up or hold a place " +
    "on an overlapping task; (409 invalid_transition) when the task is not taking sign-ups.",
  request: { params: TaskIdParam },
  responses: { 201: jsonContent(SignupSchema, "Your sign-up."), ...commonErrors, ...authErrors, ...stateErrors },
});
export type SignUpForTaskRoute = typeof signUpForTask;

export const listTaskSignups = createRoute({
  tags,
  security: anyCredential,
  method: "get",
  path: "/v1/tasks/{id}/signups",
  operationId: "listTaskSignups",
  summary: "A task's roster and waitlist, in sign-up order (staff)",
  request: { params: TaskIdParam, query: pageQuery.extend(SignupListQuery.shape) },
  responses: { 200: jsonContent(pageOf(SignupSchema, "SignupPage"), "A page of sign-ups."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListTaskSignupsRoute = typeof listTaskSignups;

export const listMySignups = createRoute({
  tags,
  security: tokenOnly,
  method: "get",
  path: "/v1/me/signups",
  operationId: "listMySignups",
  summary: "Your sign-ups, newest first",
  request: { query: pageQuery.extend(SignupListQuery.shape) },
  responses: { 200: jsonContent(pageOf(SignupSchema, "MySignupPage"), "A page of sign-ups."), ...commonErrors, ...authErrors },
});
export type ListMySignupsRoute = typeof listMySignups;

export const getSignup = createRoute({
  tags,
  security: anyCredential,
  method: "get",
  path: "/v1/signups/{id}",
  operationId: "getSignup",
  summary: "Get a sign-up (its volunteer, or staff)",
  request: { params: SignupIdParam },
  responses: { ...one("The sign-up."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetSignupRoute = typeof getSignup;

export const withdrawSignup = createRoute({
  tags,
  security: tokenOnly,
  method: "post",
  path: "/v1/signups/{id}/withdraw",
  operationId: "withdrawSignup",
  summary: "Withdraw your sign-up; the first on the waitlist takes your place",
  request: { params: SignupIdParam },
  responses: { ...one("The sign-up."), ...commonErrors, ...authErrors, ...stateErrors },
});
export type WithdrawSignupRoute = typeof withdrawSignup;

const presence = (act: "check-in" | "check-out", operationId: string, summary: string) =>
  createRoute({
    tags,
    security: tokenOnly,
    method: "post",
    path: `/v1/signups/{id}/${act}`,
    operationId,
    summary,
    description:
      "Only the volunteer, with their own token. Prove presence with `location` inside the geofence or the rotating `site_code`; " +
      "check-in is open from `check_in_slack_minutes` before the start until the end, check-out until that long after the end. " +
      "Refusals are 422 with `reason`: outside_window, outside_geofence or bad_site_code.",
    request: { params: SignupIdParam, body: jsonBody(PresenceSchema) },
    responses: { ...one("The sign-up."), ...commonErrors, ...authErrors, ...stateErrors, ...errorsFor("unprocessable") },
  });

export const checkIn = presence("check-in", "checkIn", "Check in on site");
export type CheckInRoute = typeof checkIn;
export const checkOut = presence("check-out", "checkOut", "Check out; minutes served are computed");
export type CheckOutRoute = typeof checkOut;

export const confirmAttendance = createRoute({
  tags,
  security: anyCredential,
  method: "post",
  path: "/v1/signups/{id}/confirm-attendance",
  operationId: "confirmAttendance",
  summary: "Confirm a volunteer served: credits minutes and points on the ledger (staff)",
  request: { params: SignupIdParam, body: { ...jsonBody(ConfirmAttendanceSchema), required: false } },
  responses: { ...one("The sign-up."), ...commonErrors, ...authErrors, ...stateErrors },
});
export type ConfirmAttendanceRoute = typeof confirmAttendance;

export const markNoShow = createRoute({
  tags,
  security: anyCredential,
  method: "post",
  path: "/v1/signups/{id}/no-show",
  operationId: "markNoShow",
  summary: "Flag a confirmed volunteer who never came, after the window (staff)",
  request: { params: SignupIdParam },
  responses: { ...one("The sign-up."), ...commonErrors, ...authErrors, ...stateErrors },
});
export type MarkNoShowRoute = typeof markNoShow;
