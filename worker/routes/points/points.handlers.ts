import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { addEntry } from "../../services/points/add-entry.ts";
import { getBalance } from "../../services/points/get-balance.ts";
import { leaderboard } from "../../services/points/leaderboard.ts";
import { listEntries } from "../../services/points/list-entries.ts";
import { presentEntry } from "../../services/points/present-entry.ts";
import type * as R from "./points.routes.ts";

export const getPointsBalance: RouteHandler<R.GetPointsBalanceRoute, AppEnv> = async (c) =>
  c.json(await getBalance({ deps: c.get("deps"), caller: caller(c), userId: c.req.valid("param").id }), 200);

export const listPointEntries: RouteHandler<R.ListPointEntriesRoute, AppEnv> = async (c) =>
  c.json(await listEntries({ deps: c.get("deps"), caller: caller(c), userId: c.req.valid("param").id, query: c.req.valid("query") }), 200);

export const createPointEntry: RouteHandler<R.CreatePointEntryRoute, AppEnv> = async (c) => {
  const row = await addEntry({ deps: c.get("deps"), caller: caller(c), userId: c.req.valid("param").id, input: c.req.valid("json"), requestId: c.get("requestId") });
  return c.json(presentEntry(row), 201);
};

export const getVolunteerLeaderboard: RouteHandler<R.GetVolunteerLeaderboardRoute, AppEnv> = async (c) =>
  c.json(await leaderboard({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);
