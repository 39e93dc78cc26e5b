import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import {
  AreaDetailSchema,
  AreaIdParam,
  AreaMemberSchema,
  AreaSchema,
  AssignMemberSchema,
  CreateAreaSchema,
  ListAreasQuery,
  ListMembersQuery,
  MemberParams,
  UpdateAreaSchema,
} from "./areas.schemas.ts";

const base = { tags: ["Places"], security: anyCredential };

export const createArea = createRoute({
  ...base,
  method: "post",
  path: "/v1/areas",
  operationId: "createArea",
  summary: "Add an area to the tree (county → town → community → grid)",
  description: "Admin only. The parent must be exactly one level up; a jurisdiction has one county, its root.",
  request: { body: jsonBody(CreateAreaSchema) },
  responses: { 201: jsonContent(AreaDetailSchema, "The new area."), ...commonErrors, ...authErrors, ...errorsFor("conflict") },
});
export type CreateAreaRoute = typeof createArea;

export const listAreas = createRoute({
  ...base,
  method: "get",
  path: "/v1/areas",
  operationId: "listAreas",
  summary: "List areas by parent, by level, or under an area",
  description: "Needs the `places:read` scope. Oldest first.",
  request: { query: pageQuery.extend(ListAreasQuery.shape) },
  responses: { 200: jsonContent(pageOf(AreaSchema, "AreaPage"), "A page of areas."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListAreasRoute = typeof listAreas;

export const getArea = createRoute({
  ...base,
  method: "get",
  path: "/v1/areas/{id}",
  operationId: "getArea",
  summary: "Get an area with the names of its ancestors",
  request: { params: AreaIdParam },
  responses: { 200: jsonContent(AreaDetailSchema, "The area."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetAreaRoute = typeof getArea;

export const updateArea = createRoute({
  ...base,
  method: "patch",
  path: "/v1/areas/{id}",
  operationId: "updateArea",
  summary: "Rename an area or change its code or centre",
  description: "Admin only. Parent and level are fixed once created.",
  request: { params: AreaIdParam, body: jsonBody(UpdateAreaSchema) },
  responses: { 200: jsonContent(AreaDetailSchema, "The area as changed."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type UpdateAreaRoute = typeof updateArea;

export const listAreaMembers = createRoute({
  ...base,
  method: "get",
  path: "/v1/areas/{id}/members",
  operationId: "listAreaMembers",
  summary: "The area's roster: grid leader, grid workers, officer, members",
  description: "Needs the `places:read` scope. Names and phones are masked.",
  request: { params: AreaIdParam, query: pageQuery.extend(ListMembersQuery.shape) },
  responses: { 200: jsonContent(pageOf(AreaMemberSchema, "AreaMemberPage"), "A page of the roster."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListAreaMembersRoute = typeof listAreaMembers;

export const assignAreaMember = createRoute({
  ...base,
  method: "put",
  path: "/v1/areas/{id}/members/{user_id}",
  operationId: "assignAreaMember",
  summary: "Give a user a duty in an area, or change it",
  description:
    "Admin only; audited. `grid_leader` and `grid_worker` need a `grid_worker` user and a grid; `officer` an `officer`. A grid has at most one leader (409 otherwise). Takes effect in the user's next token.",
  request: { params: MemberParams, body: jsonBody(AssignMemberSchema) },
  responses: { 200: jsonContent(AreaMemberSchema, "The user's place on the roster."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type AssignAreaMemberRoute = typeof assignAreaMember;

export const removeAreaMember = createRoute({
  ...base,
  method: "delete",
  path: "/v1/areas/{id}/members/{user_id}",
  operationId: "removeAreaMember",
  summary: "Take a user off an area's roster",
  description: "Admin only; audited.",
  request: { params: MemberParams },
  responses: { 204: { description: "Removed." }, ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict") },
});
export type RemoveAreaMemberRoute = typeof removeAreaMember;
