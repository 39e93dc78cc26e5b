import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { varyOn } from "../../lib/headers.ts";
import { antiFraudFigures, figuresCsv } from "../../services/figures/anti-fraud-figures.ts";
import type { GetAntiFraudFiguresRoute } from "./anti-fraud-figures.routes.ts";

export const getAntiFraudFigures: RouteHandler<GetAntiFraudFiguresRoute, AppEnv> = async (c) => {
  const { format, ...query } = c.req.valid("query");
  const result = await antiFraudFigures({ deps: c.get("deps"), caller: caller(c), query });
  const csv = format === "csv" || (format === undefined && /\btext\/csv\b/.test(c.req.header("accept") ?? ""));
  if (csv) {
    return c.body(figuresCsv(result), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="anti-fraud-${result.from.slice(0, 10)}-${result.to.slice(0, 10)}.csv"`,
      vary: varyOn(c, "Accept"),
    });
  }
  return c.json(result, 200, { vary: varyOn(c, "Accept") });
};
