import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent, tokenOnly } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import {
  ApplyVolunteerSchema,
  CreateTeamSchema,
  ListTeamsQuery,
  ListVolunteersQuery,
  TeamIdParam,
  TeamSchema,
  UpdateVolunteerSchema,
  UserIdParam,
  VolunteerSchema,
  VolunteerContactSchema,
  VolunteerStatusChangeSchema,
} from "./volunteers.schemas.ts";

const tags = ["Volunteers"];

export const applyAsVolunteer = createRoute({
  tags,
  security: tokenOnly,
  method: "post",
  path: "/v1/me/volunteer-profile",
  operationId: "applyAsVolunteer",
  summary: "Apply to volunteer: create your profile (pending until staff verify)",
  description:
    "A resident becomes a `volunteer` at once (audited) with a `pending` profile, and may take tasks that do not require verification. " +
    "The token used here still carries the old role: exchange a new one.",
  request: { body: jsonBody(ApplyVolunteerSchema) },
  responses: { 201: jsonContent(VolunteerSchema, "Your profile."), ...commonErrors, ...authErrors, ...errorsFor("conflict") },
});
export type ApplyAsVolunteerRoute = typeof applyAsVolunteer;

export const getMyVolunteerProfile = createRoute({
  tags,
  security: tokenOnly,
  method: "get",
  path: "/v1/me/volunteer-profile",
  operationId: "getMyVolunteerProfile",
  summary: "Your volunteer profile",
  responses: { 200: jsonContent(VolunteerSchema, "Your profile."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetMyVolunteerProfileRoute = typeof getMyVolunteerProfile;

export const updateMyVolunteerProfile = createRoute({
  tags,
  security: tokenOnly,
  method: "patch",
  path: "/v1/me/volunteer-profile",
  operationId: "updateMyVolunteerProfile",
  summary: "Change your home area (any time), or your skills and team (while pending)",
  request: { body: jsonBody(UpdateVolunteerSchema) },
  responses: { 200: jsonContent(VolunteerSchema, "Your profile."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type UpdateMyVolunteerProfileRoute = typeof updateMyVolunteerProfile;

export const listVolunteers = createRoute({
  tags,
  security: anyCredential,
  method: "get",
  path: "/v1/volunteers",
  operationId: "listVolunteers",
  summary: "List volunteers (staff), newest first",
  request: { query: pageQuery.extend(ListVolunteersQuery.shape) },
  responses: { 200: jsonContent(pageOf(VolunteerSchema, "VolunteerPage"), "A page of volunteers."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListVolunteersRoute = typeof listVolunteers;

export const getVolunteer = createRoute({
  tags,
  security: anyCredential,
  method: "get",
  path: "/v1/volunteers/{id}",
  operationId: "getVolunteer",
  summary: "Get a volunteer (staff, or the volunteer themselves)",
  request: { params: UserIdParam },
  responses: { 200: jsonContent(VolunteerSchema, "The volunteer."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetVolunteerRoute = typeof getVolunteer;

export const updateVolunteer = createRoute({
  tags,
  security: anyCredential,
  method: "patch",
  path: "/v1/volunteers/{id}",
  operationId: "updateVolunteer",
  summary: "Change a volunteer's team, home area or skills (staff of their area)",
  request: { params: UserIdParam, body: jsonBody(UpdateVolunteerSchema) },
  responses: { 200: jsonContent(VolunteerSchema, "The volunteer."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type UpdateVolunteerRoute = typeof updateVolunteer;

const statusChange = (to: "verify" | "suspend", summary: string) =>
  createRoute({
    tags,
    security: anyCredential,
    method: "post",
    path: `/v1/volunteers/{id}/${to}`,
    operationId: `${to}Volunteer`,
    summary,
    request: { params: UserIdParam, body: { ...jsonBody(VolunteerStatusChangeSchema), required: false } },
    responses: {
      200: jsonContent(VolunteerSchema, "The volunteer."),
      ...commonErrors,
      ...authErrors,
      ...errorsFor("not_found", "invalid_transition"),
    },
  });

export const verifyVolunteer = statusChange("verify", "Verify a pending (or reinstate a suspended) volunteer");
export type VerifyVolunteerRoute = typeof verifyVolunteer;
export const suspendVolunteer = statusChange("suspend", "Suspend a volunteer: they can no longer sign up");
export type SuspendVolunteerRoute = typeof suspendVolunteer;

export const createVolunteerTeam = createRoute({
  tags,
  security: anyCredential,
  method: "post",
  path: "/v1/volunteer-teams",
  operationId: "createVolunteerTeam",
  summary: "Create a volunteer team (officers, in their areas)",
  request: { body: jsonBody(CreateTeamSchema) },
  responses: { 201: jsonContent(TeamSchema, "The team."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type CreateVolunteerTeamRoute = typeof createVolunteerTeam;

export const listVolunteerTeams = createRoute({
  tags,
  security: anyCredential,
  method: "get",
  path: "/v1/volunteer-teams",
  operationId: "listVolunteerTeams",
  summary: "List volunteer teams by name",
  request: { query: pageQuery.extend(ListTeamsQuery.shape) },
  responses: { 200: jsonContent(pageOf(TeamSchema, "VolunteerTeamPage"), "A page of teams."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListVolunteerTeamsRoute = typeof listVolunteerTeams;

export const getVolunteerTeam = createRoute({
  tags,
  security: anyCredential,
  method: "get",
  path: "/v1/volunteer-teams/{id}",
  operationId: "getVolunteerTeam",
  summary: "Get a volunteer team",
  request: { params: TeamIdParam },
  responses: { 200: jsonContent(TeamSchema, "The team."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetVolunteerTeamRoute = typeof getVolunteerTeam;

export const revealVolunteerContact = createRoute({
  tags,
  security: anyCredential,
  method: "post",
  path: "/v1/volunteers/{id}/reveal",
  operationId: "revealVolunteerContact",
  summary: "A volunteer's unmasked name and phone (staff of their area; audited)",
  request: { params: UserIdParam },
  responses: { 200: jsonContent(VolunteerContactSchema, "Name and phone."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type RevealVolunteerContactRoute = typeof revealVolunteerContact;
