import { createRoute, z } from "@hono/zod-openapi";
import { anyCredential, authErrors, commonErrors, errorsFor, jsonContent } from "../../lib/openapi.ts";
import { periodQuery } from "../../lib/period-query.ts";
import { figureColumns } from "../../services/figures/anti-fraud-figures.ts";

export const AntiFraudFiguresQuery = z.object({
  area_id: z.string().max(64).optional().openapi({ description: "Break this area down by its children; omit for the whole jurisdiction." }),
  ...periodQuery,
  format: z.enum(["json", "csv"]).optional().openapi({ description: "`csv` for a spreadsheet; `Accept: text/csv` does the same." }),
});

const FiguresRowSchema = z
  .object({
    area_id: z.string().nullable(),
    name: z.string(),
    level: z.string(),
    ...(Object.fromEntries(figureColumns.map((c) => [c, c === "read_rate" ? z.number().nullable() : z.number()])) as Record<(typeof figureColumns)[number], z.ZodNumber>),
  })
  .openapi("AntiFraudFiguresRow", {
    description:
      "households: now, under the area. alerts_sent: alert and update messages sent in the period that reach the area. deliveries/reads/acknowledgements: receipts first delivered in the period (reach: 每次宣传查收人数). reports: filed in the period. indicators_confirmed: confirmed in the period, counted for each area they were reported from. interventions: opened in the period, with their outcomes; amounts in fen.",
  });

export const AntiFraudFiguresSchema = z
  .object({
    area_id: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    timezone: z.string().openapi({ example: "Asia/Shanghai" }),
    total: FiguresRowSchema,
    rows: z.array(FiguresRowSchema).openapi({ description: "One per child area." }),
  })
  .openapi("AntiFraudFigures");

export const getAntiFraudFigures = createRoute({
  tags: ["Figures"],
  security: anyCredential,
  method: "get",
  path: "/v1/figures/anti-fraud",
  operationId: "getAntiFraudFigures",
  summary: "Anti-fraud figures per area and period: alert reach and read rate, reports, confirmed indicators, interventions and stop-loss",
  request: { query: AntiFraudFiguresQuery },
  responses: {
    200: {
      description: "The figures.",
      content: { "application/json": { schema: AntiFraudFiguresSchema }, "text/csv": { schema: z.string() } },
    },
    ...commonErrors,
    ...authErrors,
    ...errorsFor("not_found"),
  },
});
export type GetAntiFraudFiguresRoute = typeof getAntiFraudFigures;
