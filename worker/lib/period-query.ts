import { z } from "@hono/zod-openapi";

const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** The `from`/`to` query of every figures route (worker/services/figures/figure-period.ts reads them). */
export const periodQuery = {
  from: dayOrInstant.optional().openapi({
    description: "Start (inclusive): a day (midnight in the jurisdiction's zone) or a timestamp with offset. Defaults to 30 days before `to`; at most three years before it.",
    example: "2026-03-01",
  }),
  to: dayOrInstant.optional().openapi({ description: "End (exclusive): a day or a timestamp. Defaults to now.", example: "2026-04-01" }),
};
