import { createRoute, z } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonBody, jsonContent } from "../../lib/openapi.ts";
import { pageOf, pageQuery } from "../../lib/pagination.ts";
import { CancelTaskSchema, CreateTaskSchema, FindTasksQuery, SiteCodeSchema, TaskIdParam, TaskSchema, UpdateTaskSchema } from "./tasks.schemas.ts";

const base = { tags: ["Volunteer tasks"], security: anyCredential };
const one = (d: string) => ({ 200: jsonContent(TaskSchema, d) });

export const createTask = createRoute({
  ...base,
  method: "post",
  path: "/v1/tasks",
  operationId: "createTask",
  summary: "Post a volunteer task (officers, in their areas)",
  description: "Published at once unless `publish: false`. Urgent tasks and missing-person searches also emit `task.urgent` for the area.",
  request: { body: jsonBody(CreateTaskSchema) },
  responses: { 201: jsonContent(TaskSchema, "The task."), ...commonErrors, ...authErrors },
});
export type CreateTaskRoute = typeof createTask;

export const listTasks = createRoute({
  ...base,
  method: "get",
  path: "/v1/tasks",
  operationId: "listTasks",
  summary: "Find activities (找活动): tasks near a point, in an area, by kind and time",
  request: { query: pageQuery.extend(FindTasksQuery.shape) },
  responses: { 200: jsonContent(pageOf(TaskSchema, "TaskPage"), "A page of tasks."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type ListTasksRoute = typeof listTasks;

export const getTask = createRoute({
  ...base,
  method: "get",
  path: "/v1/tasks/{id}",
  operationId: "getTask",
  summary: "Get a task",
  request: { params: TaskIdParam },
  responses: { ...one("The task."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetTaskRoute = typeof getTask;

export const updateTask = createRoute({
  ...base,
  method: "patch",
  path: "/v1/tasks/{id}",
  operationId: "updateTask",
  summary: "Edit a task's title, description, address or capacity",
  request: { params: TaskIdParam, body: jsonBody(UpdateTaskSchema) },
  responses: { ...one("The task."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict", "invalid_transition") },
});
export type UpdateTaskRoute = typeof updateTask;

const transition = (verb: "publish" | "cancel" | "complete", summary: string, body?: z.ZodType) =>
  createRoute({
    ...base,
    method: "post",
    path: `/v1/tasks/{id}/${verb}`,
    operationId: `${verb}Task`,
    summary,
    request: body ? { params: TaskIdParam, body: jsonBody(body) } : { params: TaskIdParam },
    responses: { ...one("The task."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict", "invalid_transition") },
  });

export const publishTask = transition("publish", "Publish a draft task");
export type PublishTaskRoute = typeof publishTask;
export const cancelTask = createRoute({
  ...base,
  method: "post",
  path: "/v1/tasks/{id}/cancel",
  operationId: "cancelTask",
  summary: "Cancel a task (emits `task.cancelled` so its volunteers can be told)",
  request: { params: TaskIdParam, body: jsonBody(CancelTaskSchema) },
  responses: { ...one("The task."), ...commonErrors, ...authErrors, ...errorsFor("not_found", "conflict", "invalid_transition") },
});
export type CancelTaskRoute = typeof cancelTask;
export const completeTask = transition("complete", "Complete a task that has started (the schedule completes the rest after their window)");
export type CompleteTaskRoute = typeof completeTask;

export const getTaskSiteCode = createRoute({
  ...base,
  method: "get",
  path: "/v1/tasks/{id}/site-code",
  operationId: "getTaskSiteCode",
  summary: "The task's current rotating check-in code (staff, to show on site)",
  request: { params: TaskIdParam },
  responses: { 200: jsonContent(SiteCodeSchema, "The current code."), ...commonErrors, ...authErrors, ...errorsFor("not_found") },
});
export type GetTaskSiteCodeRoute = typeof getTaskSiteCode;

export const getTaskSiteCodeQr = createRoute({
  ...base,
  method: "get",
  path: "/v1/tasks/{id}/site-code.svg",
  operationId: "getTaskSiteCodeQr",
  summary: "The current check-in code as a QR image (SVG), to display on site",
  description: "Rotates every 30 s: refresh it at `valid_until` of `getTaskSiteCode`, or every step.",
  request: { params: TaskIdParam },
  responses: {
    200: { description: "An SVG QR code encoding `qr_payload`.", content: { "image/svg+xml": { schema: z.string() } } },
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found"),
  },
});
export type GetTaskSiteCodeQrRoute = typeof getTaskSiteCodeQr;
