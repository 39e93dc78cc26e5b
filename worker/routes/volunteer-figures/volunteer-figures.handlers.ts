import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { figuresCsv } from "../../services/volunteer-figures/figures-csv.ts";
import { volunteerFigures } from "../../services/volunteer-figures/volunteer-figures.ts";
import type { GetVolunteerFiguresRoute } from "./volunteer-figures.routes.ts";

export const getVolunteerFigures: RouteHandler<GetVolunteerFiguresRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const figures = await volunteerFigures({ deps: c.get("deps"), caller: caller(c), query });
  const wantsCsv = query.format === "csv" || (c.req.query("format") === undefined && /\btext\/csv\b/.test(c.req.header("accept") ?? ""));
  if (wantsCsv) {
    const name = `volunteer-figures-${figures.period.label}${figures.area_id ? `-${figures.area_id}` : ""}.csv`;
    return c.body(figuresCsv(figures), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` });
  }
  return c.json(figures, 200);
};
