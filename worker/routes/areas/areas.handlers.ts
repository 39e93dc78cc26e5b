import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { assignMember } from "../../services/areas/assign-member.ts";
import { createArea as create } from "../../services/areas/create-area.ts";
import { getArea as get } from "../../services/areas/get-area.ts";
import { listAreas as list } from "../../services/areas/list-areas.ts";
import { listMembers } from "../../services/areas/list-members.ts";
import { presentAreaDetail } from "../../services/areas/present-area.ts";
import { presentMember } from "../../services/areas/present-member.ts";
import { removeMember } from "../../services/areas/remove-member.ts";
import { updateArea as update } from "../../services/areas/update-area.ts";
import type {
  AssignAreaMemberRoute,
  CreateAreaRoute,
  GetAreaRoute,
  ListAreaMembersRoute,
  ListAreasRoute,
  RemoveAreaMemberRoute,
  UpdateAreaRoute,
} from "./areas.routes.ts";

export const createArea: RouteHandler<CreateAreaRoute, AppEnv> = async (c) => {
  const { row, chain } = await create({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json") });
  return c.json(presentAreaDetail(row, chain), 201, { location: `/v1/areas/${row.id}` });
};

export const listAreas: RouteHandler<ListAreasRoute, AppEnv> = async (c) =>
  c.json(await list({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getArea: RouteHandler<GetAreaRoute, AppEnv> = async (c) => {
  const { row, chain } = await get({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id });
  return c.json(presentAreaDetail(row, chain), 200);
};

export const updateArea: RouteHandler<UpdateAreaRoute, AppEnv> = async (c) => {
  const { row, chain } = await update({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, input: c.req.valid("json") });
  return c.json(presentAreaDetail(row, chain), 200);
};

export const listAreaMembers: RouteHandler<ListAreaMembersRoute, AppEnv> = async (c) =>
  c.json(await listMembers({ deps: c.get("deps"), caller: caller(c), areaId: c.req.valid("param").id, query: c.req.valid("query") }), 200);

export const assignAreaMember: RouteHandler<AssignAreaMemberRoute, AppEnv> = async (c) => {
  const { id, user_id } = c.req.valid("param");
  const row = await assignMember({ deps: c.get("deps"), caller: caller(c), areaId: id, userId: user_id, duty: c.req.valid("json").duty, requestId: c.get("requestId") });
  return c.json(presentMember(row), 200);
};

export const removeAreaMember: RouteHandler<RemoveAreaMemberRoute, AppEnv> = async (c) => {
  const { id, user_id } = c.req.valid("param");
  await removeMember({ deps: c.get("deps"), caller: caller(c), areaId: id, userId: user_id, requestId: c.get("requestId") });
  return c.body(null, 204);
};
