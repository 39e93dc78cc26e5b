import { z } from "@hono/zod-openapi";
import { periodQuery } from "../../lib/period-query.ts";

const counts = z.record(z.string(), z.number().int());

export const RequestFiguresSchema = z
  .object({
    area_id: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    requests: z.object({
      total: z.number().int().openapi({ description: "Requests filed in the period." }),
      by_status: counts,
      by_group: counts,
      by_service: counts,
      by_channel: counts,
      first_response: z.object({ count: z.number().int(), median_minutes: z.number().nullable(), p90_minutes: z.number().nullable() }).openapi({ description: "Filing to first acceptance or decline." }),
      resolution: z.object({ count: z.number().int(), median_hours: z.number().nullable(), p90_hours: z.number().nullable() }).openapi({ description: "Filing to resolution." }),
      resolution_rate: z.number().nullable().openapi({ description: "Resolved ÷ filed, not counting withdrawn, duplicate and invalid." }),
      satisfaction: z.object({ rated: z.number().int(), average: z.number().nullable(), satisfied_rate: z.number().nullable().openapi({ description: "Share of ratings of 4 or 5." }) }),
      overdue: z.object({ now: z.number().int().openapi({ description: "Past a due time and not resolved." }), ever: z.number().int().openapi({ description: "Flagged overdue at some point." }) }),
    }),
    disputes: z.object({
      total: z.number().int(),
      by_grade: counts,
      by_level: counts,
      mediated: z.number().int().openapi({ description: "With a signed agreement." }),
      mediated_rate: z.number().nullable(),
    }),
    by_area: z
      .array(
        z.object({
          area_id: z.string(),
          name: z.string(),
          level: z.string(),
          total: z.number().int(),
          resolved: z.number().int(),
          resolution_rate: z.number().nullable(),
          overdue_now: z.number().int(),
          rated: z.number().int(),
          satisfaction_average: z.number().nullable(),
          disputes: z.number().int(),
          mediated_rate: z.number().nullable(),
        }),
      )
      .openapi({
        description:
          "The same period for each child of `area_id` (or each top-level area), every child listed, in name order; requests filed at the area itself count in the totals only.",
      }),
  })
  .openapi("RequestFigures");

export const FiguresQuery = z.object({
  area_id: z.string().max(64).optional().openapi({ description: "This area and everything under it; default the whole jurisdiction." }),
  ...periodQuery,
  format: z.enum(["json", "csv"]).optional().openapi({ description: "csv: `section,metric,key,value` rows." }),
});
