import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { alertStats } from "../../services/alerts/alert-stats.ts";
import { areaFeed } from "../../services/alerts/area-feed.ts";
import { alertCap } from "../../services/alerts/cap-xml.ts";
import { createAlert as create } from "../../services/alerts/create-alert.ts";
import { editAlert as edit } from "../../services/alerts/edit-alert.ts";
import { getAlert as get, listAlerts as list } from "../../services/alerts/get-alert.ts";
import { listInbox } from "../../services/alerts/inbox.ts";
import { etagOf, presentAlert } from "../../services/alerts/present-alert.ts";
import { publishAlert as publish } from "../../services/alerts/publish-alert.ts";
import { householdReader, readerFor } from "../../services/alerts/reader.ts";
import { recordReceipts } from "../../services/alerts/record-receipt.ts";
import { cancelAlert as cancel, reviseAlert } from "../../services/alerts/revise-alert.ts";
import type * as R from "./alerts.routes.ts";
import { conditionalJson } from "../requests/conditional.ts";

const now = (c: Context<AppEnv>) => c.get("deps").now();
const baseUrl = (c: Context<AppEnv>) => c.get("deps").config.PUBLIC_BASE_URL?.replace(/\/$/, "") ?? new URL(c.req.url).origin;

export const listAlertInbox: RouteHandler<R.ListAlertInboxRoute, AppEnv> = async (c) => {
  const { area_id, ...page } = c.req.valid("query");
  const deps = c.get("deps");
  const reader = await readerFor(deps, caller(c), area_id);
  return c.json(await listInbox({ deps, reader, query: page }), 200);
};

export const recordAlertReceipts: RouteHandler<R.RecordAlertReceiptsRoute, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const deps = c.get("deps");
  const reader = await readerFor(deps, caller(c), body.area_id);
  return c.json(await recordReceipts({ deps, reader, alertIds: body.alert_ids, status: body.status }), 200);
};

export const recordAlertReceipt: RouteHandler<R.RecordAlertReceiptRoute, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const deps = c.get("deps");
  const reader = await readerFor(deps, caller(c), body.area_id);
  const { recorded } = await recordReceipts({ deps, reader, alertIds: [c.req.valid("param").id], status: body.status });
  if (!recorded[0]) throw new AppError("not_found", "No such alert covers this reader.");
  return c.json(recorded[0], 200);
};

export const createAlert: RouteHandler<R.CreateAlertRoute, AppEnv> = async (c) => {
  const row = await create({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json") });
  return c.json(presentAlert(row, now(c)), 201, { location: `/v1/alerts/${row.id}`, etag: etagOf(row) });
};

export const listAlerts: RouteHandler<R.ListAlertsRoute, AppEnv> = async (c) =>
  c.json(await list({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getAlert: RouteHandler<R.GetAlertRoute, AppEnv> = async (c) => {
  const row = await get({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id });
  return conditionalJson(c, presentAlert(row, now(c)), { version: etagOf(row) }) as never;
};

export const editAlert: RouteHandler<R.EditAlertRoute, AppEnv> = async (c) => {
  const row = await edit({
    deps: c.get("deps"),
    caller: caller(c),
    id: c.req.valid("param").id,
    input: c.req.valid("json"),
    ifMatch: c.req.valid("header")["if-match"],
  });
  return c.json(presentAlert(row, now(c)), 200, { etag: etagOf(row) });
};

export const publishAlert: RouteHandler<R.PublishAlertRoute, AppEnv> = async (c) => {
  const row = await publish({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id });
  return c.json(presentAlert(row, now(c)), 200);
};

export const issueAlertUpdate: RouteHandler<R.IssueAlertUpdateRoute, AppEnv> = async (c) => {
  const row = await reviseAlert({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, input: c.req.valid("json") });
  return c.json(presentAlert(row, now(c)), 201, { location: `/v1/alerts/${row.id}` });
};

export const cancelAlert: RouteHandler<R.CancelAlertRoute, AppEnv> = async (c) => {
  const body = (c.req.valid("json") as { note?: string } | undefined) ?? {};
  const row = await cancel({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, note: body.note });
  return c.json(presentAlert(row, now(c)), 201, { location: `/v1/alerts/${row.id}` });
};

export const getAlertStats: RouteHandler<R.GetAlertStatsRoute, AppEnv> = async (c) =>
  c.json(await alertStats({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, level: c.req.valid("query").level }), 200);

export const getAlertCap: RouteHandler<R.GetAlertCapRoute, AppEnv> = async (c) => {
  const body = await alertCap({ deps: c.get("deps"), caller: c.get("principal"), id: c.req.valid("param").id });
  return c.body(body, 200, { "content-type": "application/cap+xml; charset=utf-8", "cache-control": "public, max-age=60" });
};

export const listDoorplateAlerts: RouteHandler<R.ListDoorplateAlertsRoute, AppEnv> = async (c) => {
  const deps = c.get("deps");
  const reader = await householdReader(deps, c.get("principal"), c.req.valid("param").code);
  return c.json(await listInbox({ deps, reader, query: c.req.valid("query") }), 200, { "cache-control": "no-store" });
};

export const recordDoorplateAlertReceipt: RouteHandler<R.RecordDoorplateAlertReceiptRoute, AppEnv> = async (c) => {
  const deps = c.get("deps");
  const { code, id } = c.req.valid("param");
  const reader = await householdReader(deps, c.get("principal"), code);
  const { recorded } = await recordReceipts({ deps, reader, alertIds: [id], status: c.req.valid("json").status });
  if (!recorded[0]) throw new AppError("not_found", "No such alert covers this household.");
  return c.json(recorded[0], 200);
};

export const getAreaAlertFeed: RouteHandler<R.GetAreaAlertFeedRoute, AppEnv> = async (c) => {
  const body = await areaFeed({
    deps: c.get("deps"),
    areaId: c.req.valid("param").id,
    includeDescendants: c.req.valid("query").include_descendants,
    baseUrl: baseUrl(c),
  });
  return c.body(body, 200, { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=60" });
};
