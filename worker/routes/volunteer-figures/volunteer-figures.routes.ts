import { createRoute, z } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor } from "../../lib/openapi.ts";
import { VolunteerFiguresQuery, VolunteerFiguresSchema } from "./volunteer-figures.schemas.ts";

export const getVolunteerFigures = createRoute({
  tags: ["Figures"],
  security: anyCredential,
  method: "get",
  path: "/v1/figures/volunteers",
  operationId: "getVolunteerFigures",
  summary: "Volunteer hours, tasks filled, fill rate and leads for an area and period (JSON or CSV)",
  request: { query: VolunteerFiguresQuery },
  responses: {
    200: {
      description: "Totals and one row per child area.",
      content: { "application/json": { schema: VolunteerFiguresSchema }, "text/csv": { schema: z.string() } },
    },
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found"),
  },
});
export type GetVolunteerFiguresRoute = typeof getVolunteerFigures;
