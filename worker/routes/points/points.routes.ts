import { createRoute } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { UserIdParam } from "../volunteers/volunteers.schemas.ts";
import { CreatePointEntrySchema, LeaderboardSchema, PeriodQuery, PointEntryListQuery, PointEntrySchema, PointsBalanceSchema } from "./points.schemas.ts";

const base = { tags: ["Volunteer points"], security: anyCredential };

export const getPointsBalance = createRoute({
  ...base,
  method: "get",
  path: "/v1/volunteers/{id}/points",
  operationId: "getPointsBalance",
  summary: "A volunteer's points balance and hours (themselves, or staff)",
  request: { params: UserIdParam },
  responses: { 200: jsonContent(PointsBalanceSchema, "The balance."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetPointsBalanceRoute = typeof getPointsBalance;

export const listPointEntries = createRoute({
  ...base,
  method: "get",
  path: "/v1/volunteers/{id}/points/entries",
  operationId: "listPointEntries",
  summary: "A volunteer's points ledger, newest first",
  request: { params: UserIdParam, query: pageQuery.extend(PointEntryListQuery.shape) },
  responses: { 200: jsonContent(pageOf(PointEntrySchema, "PointEntryPage"), "A page of entries."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListPointEntriesRoute = typeof listPointEntries;

export const createPointEntry = createRoute({
  ...base,
  method: "post",
  path: "/v1/volunteers/{id}/points/entries",
  operationId: "createPointEntry",
  summary: "Award a bonus or record a correction (officers); entries are never edited or deleted",
  request: { params: UserIdParam, body: jsonBody(CreatePointEntrySchema) },
  responses: { 201: jsonContent(PointEntrySchema, "The new entry."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type CreatePointEntryRoute = typeof createPointEntry;

export const getVolunteerLeaderboard = createRoute({
  ...base,
  method: "get",
  path: "/v1/leaderboards/volunteers",
  operationId: "getVolunteerLeaderboard",
  summary: "Points leaderboard for an area and a month, quarter or year",
  request: { query: pageQuery.extend(PeriodQuery.shape) },
  responses: { 200: jsonContent(LeaderboardSchema, "A page of the leaderboard."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetVolunteerLeaderboardRoute = typeof getVolunteerLeaderboard;
