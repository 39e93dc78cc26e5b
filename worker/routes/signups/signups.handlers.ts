import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { checkIn as checkInVerb } from "../../services/signups/check-in.ts";
import { checkOut as checkOutVerb } from "../../services/signups/check-out.ts";
import { confirmAttendance as confirmAttendanceVerb } from "../../services/signups/confirm-attendance.ts";
import { listMySignups as listMine } from "../../services/signups/list-my-signups.ts";
import { listTaskSignups as listForTask } from "../../services/signups/list-task-signups.ts";
import { loadSignup } from "../../services/signups/load-signup.ts";
import { markNoShow as markNoShowVerb } from "../../services/signups/mark-no-show.ts";
import { presentSignup } from "../../services/signups/present-signup.ts";
import { signUp } from "../../services/signups/sign-up.ts";
import { withdrawSignup as withdrawVerb } from "../../services/signups/withdraw-signup.ts";
import type * as R from "./signups.routes.ts";

const show = async (c: Context<AppEnv>, id: string) => {
  const { signup, position } = await loadSignup(c.get("deps"), caller(c), id);
  return presentSignup(signup, { waitlistPosition: position });
};

export const signUpForTask: RouteHandler<R.SignUpForTaskRoute, AppEnv> = async (c) => {
  const { signup, position } = await signUp({ deps: c.get("deps"), caller: caller(c), taskId: c.req.valid("param").id });
  return c.json(presentSignup(signup, { waitlistPosition: position }), 201, { location: `/v1/signups/${signup.id}` });
};

export const listTaskSignups: RouteHandler<R.ListTaskSignupsRoute, AppEnv> = async (c) =>
  c.json(await listForTask({ deps: c.get("deps"), caller: caller(c), taskId: c.req.valid("param").id, query: c.req.valid("query") }), 200);

export const listMySignups: RouteHandler<R.ListMySignupsRoute, AppEnv> = async (c) =>
  c.json(await listMine({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getSignup: RouteHandler<R.GetSignupRoute, AppEnv> = async (c) => c.json(await show(c, c.req.valid("param").id), 200);

export const withdrawSignup: RouteHandler<R.WithdrawSignupRoute, AppEnv> = async (c) => {
  const id = await withdrawVerb({ deps: c.get("deps"), caller: caller(c), signupId: c.req.valid("param").id });
  return c.json(await show(c, id), 200);
};

export const checkIn: RouteHandler<R.CheckInRoute, AppEnv> = async (c) => {
  const id = await checkInVerb({ deps: c.get("deps"), caller: caller(c), signupId: c.req.valid("param").id, proof: c.req.valid("json") });
  return c.json(await show(c, id), 200);
};

export const checkOut: RouteHandler<R.CheckOutRoute, AppEnv> = async (c) => {
  const id = await checkOutVerb({ deps: c.get("deps"), caller: caller(c), signupId: c.req.valid("param").id, proof: c.req.valid("json") });
  return c.json(await show(c, id), 200);
};

export const confirmAttendance: RouteHandler<R.ConfirmAttendanceRoute, AppEnv> = async (c) => {
  const body = (c.req.valid("json") as { minutes?: number } | undefined) ?? {};
  const id = await confirmAttendanceVerb({
    deps: c.get("deps"),
    caller: caller(c),
    signupId: c.req.valid("param").id,
    minutes: body.minutes,
    requestId: c.get("requestId"),
  });
  return c.json(await show(c, id), 200);
};

export const markNoShow: RouteHandler<R.MarkNoShowRoute, AppEnv> = async (c) => {
  const id = await markNoShowVerb({ deps: c.get("deps"), caller: caller(c), signupId: c.req.valid("param").id, requestId: c.get("requestId") });
  return c.json(await show(c, id), 200);
};
