import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { CreateUserSchema, ListUsersQuery, RevealedUserSchema, RevealSchema, UpdateUserSchema, UserIdParam, UserSchema } from "./users.schemas.ts";

const base = { tags: ["Identity"], security: anyCredential };

export const createUser = createRoute({
  ...base,
  method: "post",
  path: "/v1/users",
  operationId: "createUser",
  summary: "Register a staff member, volunteer or resident",
  description:
    "Admin only; audited. Token exchange never creates staff, so this is how a grid worker, officer, dispatcher or department member gets their role. 409 with `user_id` when the subject is already a user (promote them with `updateUser`).",
  request: { body: jsonBody(CreateUserSchema) },
  responses: { 201: jsonContent(UserSchema, "The new user, masked."), ...commonErrors, ...authErrors, ...errorsFor("conflict") },
});
export type CreateUserRoute = typeof createUser;

export const listUsers = createRoute({
  ...base,
  method: "get",
  path: "/v1/users",
  operationId: "listUsers",
  summary: "List users by role, agency or area",
  description: "Admin only. Names, phones and subjects are masked.",
  request: { query: pageQuery.extend(ListUsersQuery.shape) },
  responses: { 200: jsonContent(pageOf(UserSchema, "UserPage"), "A page of users."), ...commonErrors, ...authErrors },
});
export type ListUsersRoute = typeof listUsers;

export const getUser = createRoute({
  ...base,
  method: "get",
  path: "/v1/users/{id}",
  operationId: "getUser",
  summary: "Get a user (`me` for yourself)",
  description: "An admin reads anyone in the jurisdiction; any user reads themself. Masked.",
  request: { params: UserIdParam },
  responses: { 200: jsonContent(UserSchema, "The user."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetUserRoute = typeof getUser;

export const updateUser = createRoute({
  ...base,
  method: "patch",
  path: "/v1/users/{id}",
  operationId: "updateUser",
  summary: "Change a user's role, agency, name, phone, or disable them",
  description:
    "Admin only. Role, agency and disabled changes are audited. A role change drops duties the new role cannot hold. Tokens already issued keep their claims until they expire (at most 15 minutes).",
  request: { params: UserIdParam, body: jsonBody(UpdateUserSchema) },
  responses: { 200: jsonContent(UserSchema, "The user as changed."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type UpdateUserRoute = typeof updateUser;

export const revealUser = createRoute({
  ...base,
  method: "post",
  path: "/v1/users/{id}/reveal",
  operationId: "revealUser",
  summary: "Reveal a user's unmasked name, phone and subject (audited)",
  description:
    "Admins (an admin key, or an admin user through a key holding `admin`) for anyone in the jurisdiction; officers through a staff key holding `interventions:read` for users placed (on an area's roster) within their areas — anyone else is 404 to them. Other callers, and officers through resident-facing keys: 403. Each call writes an audit row with the caller and the reason before the data is returned.",
  request: { params: UserIdParam, body: jsonBody(RevealSchema) },
  responses: { 200: jsonContent(RevealedUserSchema, "The unmasked data."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type RevealUserRoute = typeof revealUser;
