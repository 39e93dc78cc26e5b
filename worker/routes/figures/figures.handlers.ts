import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { figuresCsv, getServiceRequestFigures as figures } from "../../services/figures/request-figures.ts";
import type { GetServiceRequestFiguresRoute } from "./figures.routes.ts";

export const getServiceRequestFigures: RouteHandler<GetServiceRequestFiguresRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const f = await figures({ deps: c.get("deps"), caller: caller(c), query });
  if (query.format === "csv" || (!query.format && /text\/csv/.test(c.req.header("accept") ?? ""))) {
    return c.body(figuresCsv(f), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="figures.csv"' }) as never;
  }
  return c.json(f, 200);
};
