import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { createTask as createTaskVerb } from "../../services/tasks/create-task.ts";
import { findTasks } from "../../services/tasks/find-tasks.ts";
import { loadTaskView } from "../../services/tasks/load-task.ts";
import { presentTask } from "../../services/tasks/present-task.ts";
import { siteCodeFor } from "../../services/tasks/show-site-code.ts";
import { transitionTask } from "../../services/tasks/transition-task.ts";
import { updateTask as updateTaskVerb } from "../../services/tasks/update-task.ts";
import type * as R from "./tasks.routes.ts";

export const createTask: RouteHandler<R.CreateTaskRoute, AppEnv> = async (c) => {
  const deps = c.get("deps");
  const row = await createTaskVerb({ deps, caller: caller(c), input: c.req.valid("json"), requestId: c.get("requestId") });
  return c.json(presentTask({ task: row, seats: 0, waitlisted: 0 }, deps.now()), 201, { location: `/v1/tasks/${row.id}` });
};

export const listTasks: RouteHandler<R.ListTasksRoute, AppEnv> = async (c) =>
  c.json(await findTasks({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

const showTask = async (c: Parameters<RouteHandler<R.GetTaskRoute, AppEnv>>[0], id: string) => {
  const deps = c.get("deps");
  return presentTask(await loadTaskView(deps, caller(c), id), deps.now());
};

export const getTask: RouteHandler<R.GetTaskRoute, AppEnv> = async (c) => c.json(await showTask(c, c.req.valid("param").id), 200);

export const updateTask: RouteHandler<R.UpdateTaskRoute, AppEnv> = async (c) => {
  const id = await updateTaskVerb({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, patch: c.req.valid("json"), requestId: c.get("requestId") });
  return c.json(await showTask(c, id), 200);
};

const transitionHandler =
  (verb: "publish" | "complete"): RouteHandler<R.PublishTaskRoute, AppEnv> =>
  async (c) => {
    const id = await transitionTask({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, verb, requestId: c.get("requestId") });
    return c.json(await showTask(c, id), 200);
  };
export const publishTask = transitionHandler("publish");
export const completeTask = transitionHandler("complete");

export const cancelTask: RouteHandler<R.CancelTaskRoute, AppEnv> = async (c) => {
  const id = await transitionTask({
    deps: c.get("deps"),
    caller: caller(c),
    id: c.req.valid("param").id,
    verb: "cancel",
    reason: c.req.valid("json").reason,
    requestId: c.get("requestId"),
  });
  return c.json(await showTask(c, id), 200);
};

export const getTaskSiteCode: RouteHandler<R.GetTaskSiteCodeRoute, AppEnv> = async (c) => {
  const code = await siteCodeFor({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id });
  return c.json({ code: code.code, step_seconds: code.stepSeconds, valid_until: code.validUntil, qr_payload: code.payload }, 200, { "cache-control": "no-store" });
};

export const getTaskSiteCodeQr: RouteHandler<R.GetTaskSiteCodeQrRoute, AppEnv> = async (c) => {
  const code = await siteCodeFor({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, svg: true });
  return c.body(code.svg!, 200, { "content-type": "image/svg+xml", "cache-control": "no-store" });
};
