import { createRoute, z } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor } from "../../lib/openapi.ts";
import { FiguresQuery, RequestFiguresSchema } from "./figures.schemas.ts";

export const getServiceRequestFigures = createRoute({
  method: "get",
  path: "/v1/figures/requests",
  operationId: "getServiceRequestFigures",
  tags: ["Figures"],
  security: anyCredential,
  summary: "Request and dispute figures for an area and period (JSON or CSV)",
  description: "Needs `stats:read`; staff get figures over what they may see.",
  request: { query: FiguresQuery },
  responses: {
    200: {
      description: "The figures.",
      content: { "application/json": { schema: RequestFiguresSchema }, "text/csv": { schema: z.string() } },
    },
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found"),
  },
});
export type GetServiceRequestFiguresRoute = typeof getServiceRequestFigures;
