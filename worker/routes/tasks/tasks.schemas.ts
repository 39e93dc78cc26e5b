import { z } from "@hono/zod-openapi";
import { visibleText } from "../../lib/openapi.ts";
import { taskKinds, taskStatuses } from "../../db/schema/tasks.ts";
import { signupStatuses } from "../../db/schema/task-signups.ts";
import { SkillSchema } from "../volunteers/volunteers.schemas.ts";

/** `a,b,c` (or a repeated parameter) as an array: OpenAPI's form style without explode. */
export const csvOf = <T extends readonly [string, ...string[]]>(values: T, description: string) =>
  z
    .preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(z.enum(values)).min(1).max(values.length))
    .optional()
    .openapi({ description, param: { style: "form", explode: false } });

export const PointSchema = z
  .object({
    lat: z.number().min(-90).max(90).openapi({ description: "WGS-84 latitude.", example: 35.2372 }),
    lng: z.number().min(-180).max(180).openapi({ description: "WGS-84 longitude.", example: 110.1491 }),
  })
  .strict()
  .openapi("Point");

const datetime = z.iso.datetime({ offset: true });

export const TaskSchema = z
  .object({
    id: z.string().openapi({ example: "tsk_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    kind: z.enum(taskKinds),
    title: z.string().openapi({ example: "风景家园小区夜间巡逻" }),
    description: z.string().nullable(),
    urgent: z.boolean().openapi({ description: "Broadcast to the area's volunteers when published (missing-person searches always are)." }),
    location: PointSchema,
    radius_m: z.number().int().openapi({ description: "Geofence radius around `location` for check-in.", example: 300 }),
    address: z.string().nullable().openapi({ example: "合阳县城关街道风景家园北门" }),
    area_id: z.string().openapi({ description: "The area (usually a grid) the task belongs to." }),
    starts_at: z.string().openapi({ example: "2026-03-02T11:00:00Z" }),
    ends_at: z.string().openapi({ example: "2026-03-02T13:00:00Z" }),
    check_in_slack_minutes: z.number().int().openapi({ description: "Check-in opens this long before the start; check-out stays open this long after the end.", example: 15 }),
    capacity: z.number().int().openapi({ description: "Places; sign-ups beyond it are waitlisted.", example: 20 }),
    confirmed_count: z.number().int().openapi({ description: "Places held." }),
    waitlist_count: z.number().int(),
    slots_left: z.number().int(),
    points_per_hour: z.number().int().openapi({ example: 10 }),
    no_show_penalty: z.number().int().openapi({ description: "Points a confirmed volunteer loses by not showing up.", example: 10 }),
    requires_verified: z.boolean().openapi({ description: "Only verified volunteers may sign up." }),
    required_skills: z.array(SkillSchema),
    team_id: z.string().nullable().openapi({ description: "When set, only this team's members may sign up." }),
    status: z.enum(taskStatuses).openapi({ description: "`in_progress` once an open or full task has started." }),
    accepting_signups: z.boolean().openapi({ description: "Whether a sign-up now would be confirmed or waitlisted (rather than refused)." }),
    cancel_reason: z.string().nullable(),
    published_at: z.string().nullable(),
    completed_at: z.string().nullable(),
    cancelled_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    distance_m: z.number().int().nullable().optional().openapi({ description: "Metres from the point searched from (when `lat`/`lng` given)." }),
    my_signup: z
      .object({ id: z.string(), status: z.enum(signupStatuses) })
      .nullable()
      .optional()
      .openapi({ description: "The calling user's own sign-up, if any." }),
  })
  .openapi("Task");

export const CreateTaskSchema = z
  .object({
    kind: z.enum(taskKinds).openapi({ example: "patrol" }),
    title: visibleText(120).openapi({ example: "风景家园小区夜间巡逻" }),
    description: z.string().trim().max(4000).optional(),
    urgent: z.boolean().optional().openapi({ description: "Broadcast at once (`task.urgent`); implied for missing_person_search." }),
    location: PointSchema,
    radius_m: z.number().int().min(10).max(20_000).default(300).openapi({ description: "Geofence radius in metres." }),
    address: z.string().trim().max(200).optional(),
    area_id: z.string().max(64).openapi({ description: "Must lie within the poster's areas." }),
    starts_at: datetime.openapi({ example: "2026-03-02T11:00:00+08:00" }),
    ends_at: datetime.openapi({ example: "2026-03-02T13:00:00+08:00" }),
    check_in_slack_minutes: z.number().int().min(0).max(120).default(15),
    capacity: z.number().int().min(1).max(5000).openapi({ example: 20 }),
    points_per_hour: z.number().int().min(0).max(1000).default(10),
    no_show_penalty: z.number().int().min(0).max(1000).optional().openapi({ description: "Defaults to one hour's points." }),
    requires_verified: z.boolean().optional().openapi({ description: "Default false." }),
    required_skills: z.array(SkillSchema).max(10).default([]),
    team_id: z.string().max(64).nullable().optional().openapi({ description: "Restrict to one team (e.g. a patrol team's own rota)." }),
    publish: z.boolean().default(true).openapi({ description: "false keeps it as a draft to publish later." }),
  })
  .strict()
  .openapi("CreateTask");

export const UpdateTaskSchema = z
  .object({
    title: visibleText(120).optional(),
    description: z.string().trim().max(4000).nullable().optional(),
    address: z.string().trim().max(200).nullable().optional(),
    capacity: z.number().int().min(1).max(5000).optional().openapi({ description: "Raising it promotes from the waitlist; it cannot drop below the places held." }),
  })
  .strict()
  .openapi("UpdateTask");

export const CancelTaskSchema = z
  .object({ reason: visibleText(500).openapi({ example: "暴雨预警，巡逻取消" }) })
  .strict()
  .openapi("CancelTask");

export const TaskIdParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "tsk_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const FindTasksQuery = z.object({
  lat: z.coerce.number().min(-90).max(90).optional().openapi({ description: "Search from this point (with `lng`).", example: 35.2372 }),
  lng: z.coerce.number().min(-180).max(180).optional().openapi({ example: 110.1491 }),
  within_m: z.coerce.number().int().min(1).max(100_000).default(5000).openapi({ description: "Radius around lat/lng, metres.", example: 3000 }),
  area_id: z.string().max(64).optional().openapi({ description: "In this area or grid, descendants included." }),
  kind: csvOf(taskKinds, "Comma-separated kinds."),
  status: csvOf(taskStatuses, "Comma-separated statuses. Default: tasks taking sign-ups with places left."),
  from: datetime.optional().openapi({ description: "Tasks still running after this instant." }),
  to: datetime.optional().openapi({ description: "Tasks starting before this instant." }),
  sort: z.enum(["starts_at", "distance"]).default("starts_at").openapi({ description: "`distance` needs lat/lng." }),
});

export const SiteCodeSchema = z
  .object({
    code: z.string().openapi({ description: "Six digits; rotates every `step_seconds`.", example: "492039" }),
    step_seconds: z.number().int().openapi({ example: 30 }),
    valid_until: z.string().openapi({ description: "When this code rotates (the previous code is still accepted for one more step)." }),
    qr_payload: z.string().openapi({ description: "What the QR encodes: `fengqiao:task:<task id>:<code>`.", example: "fengqiao:task:tsk_01jf8z3m2ke5qb0x4n3c1w9v7t:492039" }),
  })
  .openapi("TaskSiteCode");
