import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { createUser as create } from "../../services/users/create-user.ts";
import { getUser as get, listUsers as list } from "../../services/users/list-users.ts";
import { presentUser } from "../../services/users/present-user.ts";
import { revealUser as reveal } from "../../services/users/reveal-user.ts";
import { updateUser as update } from "../../services/users/update-user.ts";
import type { CreateUserRoute, GetUserRoute, ListUsersRoute, RevealUserRoute, UpdateUserRoute } from "./users.routes.ts";

export const createUser: RouteHandler<CreateUserRoute, AppEnv> = async (c) => {
  const { row, areas } = await create({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json"), requestId: c.get("requestId") });
  return c.json(presentUser(row, areas), 201, { location: `/v1/users/${row.id}` });
};

export const listUsers: RouteHandler<ListUsersRoute, AppEnv> = async (c) =>
  c.json(await list({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getUser: RouteHandler<GetUserRoute, AppEnv> = async (c) =>
  c.json(await get({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id }), 200);

export const updateUser: RouteHandler<UpdateUserRoute, AppEnv> = async (c) => {
  const { row, areas } = await update({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, input: c.req.valid("json"), requestId: c.get("requestId") });
  return c.json(presentUser(row, areas), 200);
};

export const revealUser: RouteHandler<RevealUserRoute, AppEnv> = async (c) => {
  const revealed = await reveal({
    deps: c.get("deps"),
    caller: caller(c),
    id: c.req.valid("param").id,
    reason: c.req.valid("json").reason,
    requestId: c.get("requestId"),
  });
  return c.json(revealed, 200, { "cache-control": "no-store" });
};
