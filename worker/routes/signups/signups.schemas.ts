import { z } from "@hono/zod-openapi";
import { checkInMethods, signupStatuses } from "../../db/schema/task-signups.ts";
import { csvOf, PointSchema } from "../tasks/tasks.schemas.ts";

export const SignupSchema = z
  .object({
    id: z.string().openapi({ example: "sgn_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
    task_id: z.string(),
    user_id: z.string(),
    display_name: z.string().nullable().optional().openapi({ description: "Masked; in staff rosters only." }),
    status: z.enum(signupStatuses).openapi({ description: "confirmed → checked_in → checked_out → attended; or waitlisted, withdrawn, no_show." }),
    waitlist_position: z.number().int().nullable().openapi({ description: "1-based place in the queue while waitlisted." }),
    signed_up_at: z.string().openapi({ description: "Waitlist order is by this time." }),
    promoted_at: z.string().nullable().openapi({ description: "When it moved up from the waitlist." }),
    withdrawn_at: z.string().nullable(),
    checked_in_at: z.string().nullable(),
    check_in_method: z.enum(checkInMethods).nullable(),
    checked_out_at: z.string().nullable(),
    check_out_method: z.enum(checkInMethods).nullable(),
    minutes: z.number().int().nullable().openapi({ description: "Minutes inside the task window between check-in and check-out." }),
    credited_minutes: z.number().int().nullable().openapi({ description: "Minutes staff confirmed." }),
    attendance_confirmed_at: z.string().nullable(),
    no_show_at: z.string().nullable(),
    updated_at: z.string(),
  })
  .openapi("Signup");

export const PresenceSchema = z
  .object({
    location: PointSchema.optional().openapi({ description: "Where the device is; must be inside the task's geofence." }),
    site_code: z
      .string()
      .regex(/^\d{6}$/, "six digits")
      .optional()
      .openapi({ description: "The rotating code from the QR shown on site (instead of a location).", example: "492039" }),
  })
  .strict()
  .openapi("Presence");

export const ConfirmAttendanceSchema = z
  .object({
    minutes: z.number().int().min(0).max(7 * 24 * 60).optional().openapi({ description: "Minutes to credit; defaults to those measured by check-in and check-out.", example: 120 }),
  })
  .strict()
  .openapi("ConfirmAttendance");

export const SignupIdParam = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "sgn_01jf8z3m2ke5qb0x4n3c1w9v7t" }),
});

export const SignupListQuery = z.object({ status: csvOf(signupStatuses, "Comma-separated statuses.") });
