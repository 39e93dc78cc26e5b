import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { assertScope, assertUser, caller } from "../../lib/authz.ts";
import { applyVolunteer } from "../../services/volunteers/apply-volunteer.ts";
import { createTeam } from "../../services/volunteers/create-team.ts";
import { getVolunteer as getVolunteerVerb } from "../../services/volunteers/get-volunteer.ts";
import { listTeams } from "../../services/volunteers/list-teams.ts";
import { listVolunteers as listVolunteersVerb } from "../../services/volunteers/list-volunteers.ts";
import { presentVolunteer } from "../../services/volunteers/present-volunteer.ts";
import { revealVolunteer } from "../../services/volunteers/reveal-volunteer.ts";
import { setVolunteerStatus } from "../../services/volunteers/set-volunteer-status.ts";
import { updateOwnProfile } from "../../services/volunteers/update-own-profile.ts";
import { updateVolunteer as updateVolunteerVerb } from "../../services/volunteers/update-volunteer.ts";
import type * as R from "./volunteers.routes.ts";
import { getTeam } from "../../services/volunteers/get-team.ts";

export const applyAsVolunteer: RouteHandler<R.ApplyAsVolunteerRoute, AppEnv> = async (c) => {
  const row = await applyVolunteer({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json"), requestId: c.get("requestId") });
  return c.json(presentVolunteer(row), 201, { location: `/v1/volunteers/${row.profile.userId}` });
};

export const getMyVolunteerProfile: RouteHandler<R.GetMyVolunteerProfileRoute, AppEnv> = async (c) => {
  const p = caller(c);
  assertScope(p, "tasks:read");
  const row = await getVolunteerVerb({ deps: c.get("deps"), caller: p, userId: assertUser(p).id });
  return c.json(presentVolunteer(row), 200);
};

export const updateMyVolunteerProfile: RouteHandler<R.UpdateMyVolunteerProfileRoute, AppEnv> = async (c) =>
  c.json(presentVolunteer(await updateOwnProfile({ deps: c.get("deps"), caller: caller(c), patch: c.req.valid("json") })), 200);

export const listVolunteers: RouteHandler<R.ListVolunteersRoute, AppEnv> = async (c) =>
  c.json(await listVolunteersVerb({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getVolunteer: RouteHandler<R.GetVolunteerRoute, AppEnv> = async (c) =>
  c.json(presentVolunteer(await getVolunteerVerb({ deps: c.get("deps"), caller: caller(c), userId: c.req.valid("param").id })), 200);

export const updateVolunteer: RouteHandler<R.UpdateVolunteerRoute, AppEnv> = async (c) => {
  const row = await updateVolunteerVerb({
    deps: c.get("deps"),
    caller: caller(c),
    userId: c.req.valid("param").id,
    patch: c.req.valid("json"),
    requestId: c.get("requestId"),
  });
  return c.json(presentVolunteer(row), 200);
};

const statusHandler =
  (to: "verified" | "suspended"): RouteHandler<R.VerifyVolunteerRoute, AppEnv> =>
  async (c) => {
    const body = (c.req.valid("json") as { reason?: string } | undefined) ?? {};
    const row = await setVolunteerStatus({
      deps: c.get("deps"),
      caller: caller(c),
      userId: c.req.valid("param").id,
      to,
      reason: body.reason,
      requestId: c.get("requestId"),
    });
    return c.json(presentVolunteer(row), 200);
  };
export const verifyVolunteer = statusHandler("verified");
export const suspendVolunteer = statusHandler("suspended");

export const createVolunteerTeam: RouteHandler<R.CreateVolunteerTeamRoute, AppEnv> = async (c) => {
  const team = await createTeam({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json"), requestId: c.get("requestId") });
  return c.json(team, 201, { location: `/v1/volunteer-teams/${team.id}` });
};

export const listVolunteerTeams: RouteHandler<R.ListVolunteerTeamsRoute, AppEnv> = async (c) =>
  c.json(await listTeams({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getVolunteerTeam: RouteHandler<R.GetVolunteerTeamRoute, AppEnv> = async (c) =>
  c.json(await getTeam({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id }), 200);

export const revealVolunteerContact: RouteHandler<R.RevealVolunteerContactRoute, AppEnv> = async (c) => {
  const contact = await revealVolunteer({ deps: c.get("deps"), caller: caller(c), userId: c.req.valid("param").id, requestId: c.get("requestId") });
  return c.json(contact, 200, { "cache-control": "no-store" });
};
