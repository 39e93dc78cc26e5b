import { z } from "@hono/zod-openapi";
import { orNull, visibleText } from "../../lib/openapi.ts";
import { pointKinds } from "../../db/schema/points-ledger.ts";
import { periodKinds } from "../../lib/zoned-time.ts";
import { csvOf } from "../tasks/tasks.schemas.ts";
import { TeamRefSchema } from "../volunteers/volunteers.schemas.ts";

export const PointEntrySchema = z
  .object({
    id: z.string().openapi({ example: "pts_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    user_id: z.string(),
    kind: z.enum(pointKinds).openapi({ description: "attendance (credited by staff), bonus, no_show (a penalty), correction." }),
    points: z.number().int().openapi({ description: "Signed.", example: 20 }),
    minutes: z.number().int().nullable().openapi({ description: "Volunteer minutes this entry credits." }),
    task_id: z.string().nullable(),
    signup_id: z.string().nullable(),
    corrects_entry_id: z.string().nullable().openapi({ description: "The entry a correction corrects." }),
    reason: z.string().nullable(),
    occurred_at: z.string().openapi({ description: "When the work happened: the period the entry counts for." }),
    created_at: z.string(),
  })
  .openapi("PointEntry");

export const PointsBalanceSchema = z
  .object({
    user_id: z.string(),
    balance: z.number().int().openapi({ description: "Sum of every ledger entry.", example: 140 }),
    hours: z.number().openapi({ description: "Volunteer hours credited.", example: 14 }),
    by_kind: z.object({ attendance: z.number().int(), bonus: z.number().int(), no_show: z.number().int(), correction: z.number().int() }),
  })
  .openapi("PointsBalance");

export const CreatePointEntrySchema = z
  .object({
    kind: z.enum(["bonus", "correction"]).openapi({ example: "bonus" }),
    points: z
      .number()
      .int()
      .min(-10_000)
      .max(10_000)
      .refine((n) => n !== 0, "must not be zero")
      .openapi({ description: "Positive for a bonus; a correction may be either sign.", example: 50 }),
    minutes: z.number().int().min(-100_000).max(100_000).optional().openapi({ description: "Correct credited minutes too." }),
    reason: visibleText(500).openapi({ example: "2026年度优秀金水管家" }),
    corrects_entry_id: z.string().max(64).optional().openapi({ description: "Required for a correction." }),
    area_id: z.string().max(64).optional().openapi({ description: "Where it counts; defaults to the corrected entry's area, else the volunteer's home area." }),
    occurred_at: z.iso.datetime({ offset: true }).optional().openapi({ description: "The period it counts for; defaults to the corrected entry's, else now." }),
  })
  .strict()
  .openapi("CreatePointEntry");

export const LeaderboardRowSchema = z
  .object({
    rank: z.number().int().openapi({ description: "Competition rank: equal points share a rank (1, 2, 2, 4).", example: 1 }),
    user_id: z.string(),
    display_name: z.string().nullable().openapi({ description: "Masked.", example: "雷**" }),
    team: orNull(TeamRefSchema),
    points: z.number().int(),
    hours: z.number(),
  })
  .openapi("LeaderboardRow");

export const PeriodSchema = z
  .object({
    kind: z.enum(periodKinds),
    label: z.string().openapi({ example: "2026-Q2" }),
    starts_at: z.string().openapi({ description: "Local midnight opening the period, as a UTC instant.", example: "2026-03-31T16:00:00.000Z" }),
    ends_at: z.string().openapi({ description: "Exclusive end.", example: "2026-06-30T16:00:00.000Z" }),
    timezone: z.string().openapi({ example: "Asia/Shanghai" }),
  })
  .openapi("Period");

export const LeaderboardSchema = z
  .object({
    period: PeriodSchema,
    area_id: z.string().nullable(),
    data: z.array(LeaderboardRowSchema),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  })
  .openapi("Leaderboard");

export const PeriodQuery = z.object({
  period: z.enum(periodKinds).default("month").openapi({ description: "Month (月例会), quarter (季度考核) or year (年终评优), in the jurisdiction's time zone." }),
  date: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "YYYY-MM-DD")
    .optional()
    .openapi({ description: "Any local date in the period wanted; default today.", example: "2026-04-15" }),
  area_id: z.string().max(64).optional().openapi({ description: "This area and everything under it; default the whole jurisdiction." }),
});

export const PointEntryListQuery = z.object({ kind: csvOf(pointKinds, "Comma-separated kinds.") });
