import { z } from "@hono/zod-openapi";
import { PeriodQuery, PeriodSchema } from "../points/points.schemas.ts";

const counts = {
  volunteer_hours: z.number().openapi({ description: "Hours credited on the ledger (attendance and corrections).", example: 412.5 }),
  active_volunteers: z.number().int().openapi({ description: "Volunteers with at least one confirmed attendance." }),
  attendances: z.number().int(),
  no_shows: z.number().int(),
  attendance_rate: z.number().nullable().openapi({ description: "attendances / (attendances + no_shows)." }),
  tasks_posted: z.number().int().openapi({ description: "Published tasks starting in the period (not cancelled)." }),
  tasks_filled: z.number().int().openapi({ description: "Of those, how many had every place taken." }),
  tasks_cancelled: z.number().int(),
  slots_offered: z.number().int(),
  slots_filled: z.number().int(),
  fill_rate: z.number().nullable().openapi({ description: "slots_filled / slots_offered.", example: 0.85 }),
  leads: z.number().int().openapi({ description: "Leads (线索) reported." }),
  leads_converted: z.number().int().openapi({ description: "Of those, turned into service requests." }),
  conversion_rate: z.number().nullable(),
};

export const VolunteerFigureCountsSchema = z.object(counts).openapi("VolunteerFigureCounts");

export const VolunteerFiguresSchema = z
  .object({
    period: PeriodSchema,
    area_id: z.string().nullable(),
    totals: VolunteerFigureCountsSchema,
    by_area: z.array(
      z.object({
        area_id: z.string().nullable(),
        area_name: z.string().nullable(),
        direct: z.boolean().openapi({ description: "Work booked on the area itself rather than on a child area." }),
        ...counts,
      }),
    ),
  })
  .openapi("VolunteerFigures");

export const VolunteerFiguresQuery = PeriodQuery.extend({
  format: z.enum(["json", "csv"]).default("json").openapi({ description: "`csv` for a spreadsheet (also chosen by `Accept: text/csv`)." }),
});
