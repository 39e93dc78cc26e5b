import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { checkIndicator } from "../../services/fraud/check-indicator.ts";
import { decideIndicator } from "../../services/fraud/decide-indicator.ts";
import { getIndicator, listIndicatorReports, listIndicators, listMyReports } from "../../services/fraud/list-indicators.ts";
import { presentIndicator, presentReport } from "../../services/fraud/present.ts";
import { addReportPhoto, getReportPhoto } from "../../services/fraud/report-photos.ts";
import { reportIndicator } from "../../services/fraud/report-indicator.ts";
import type * as R from "./fraud.routes.ts";

export const checkFraudIndicator: RouteHandler<R.CheckFraudIndicatorRoute, AppEnv> = async (c) => {
  const result = await checkIndicator({ deps: c.get("deps"), caller: c.get("principal"), input: c.req.valid("json") });
  return c.json(result, 200, { "cache-control": "no-store" });
};

export const reportFraudIndicator: RouteHandler<R.ReportFraudIndicatorRoute, AppEnv> = async (c) => {
  const { report, indicator } = await reportIndicator({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json") });
  return c.json(presentReport(report, indicator), 201);
};

export const listMyFraudReports: RouteHandler<R.ListMyFraudReportsRoute, AppEnv> = async (c) =>
  c.json(await listMyReports({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const addFraudReportPhoto: RouteHandler<R.AddFraudReportPhotoRoute, AppEnv> = async (c) => {
  const body = new Uint8Array(await c.req.arrayBuffer());
  return c.json(await addReportPhoto({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, body }), 201);
};

export const getFraudReportPhoto: RouteHandler<R.GetFraudReportPhotoRoute, AppEnv> = async (c) => {
  const { id, index } = c.req.valid("param");
  const blob = await getReportPhoto({ deps: c.get("deps"), caller: caller(c), id, index });
  return c.body(blob.body as Uint8Array<ArrayBuffer>, 200, { "content-type": blob.contentType, "cache-control": "private, no-store", "x-content-type-options": "nosniff" });
};

export const listFraudIndicators: RouteHandler<R.ListFraudIndicatorsRoute, AppEnv> = async (c) =>
  c.json(await listIndicators({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getFraudIndicator: RouteHandler<R.GetFraudIndicatorRoute, AppEnv> = async (c) =>
  c.json(presentIndicator(await getIndicator({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id })), 200);

export const listFraudIndicatorReports: RouteHandler<R.ListFraudIndicatorReportsRoute, AppEnv> = async (c) =>
  c.json(await listIndicatorReports({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, query: c.req.valid("query") }), 200);

export const confirmFraudIndicator: RouteHandler<R.ConfirmFraudIndicatorRoute, AppEnv> = async (c) => {
  const note = (c.req.valid("json") as { note?: string } | undefined)?.note;
  const row = await decideIndicator({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, decision: "confirmed", note });
  return c.json(presentIndicator(row), 200);
};

export const dismissFraudIndicator: RouteHandler<R.DismissFraudIndicatorRoute, AppEnv> = async (c) => {
  const note = (c.req.valid("json") as { note?: string } | undefined)?.note;
  const row = await decideIndicator({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, decision: "dismissed", note });
  return c.json(presentIndicator(row), 200);
};
