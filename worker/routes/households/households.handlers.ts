import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller, isAdmin } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { doorplateUrl, publicBaseUrl } from "../../lib/public-url.ts";
import { createHousehold as create } from "../../services/households/create-household.ts";
import { decodeCsv, importHouseholds as importCsv } from "../../services/households/import-households.ts";
import { findHousehold, listHouseholds as list } from "../../services/households/list-households.ts";
import { presentHousehold, presentHouseholdView } from "../../services/households/present-household.ts";
import { reissueDoorplate as reissue } from "../../services/households/reissue-doorplate.ts";
import { revealHousehold as reveal } from "../../services/households/reveal-household.ts";
import { updateHousehold as update } from "../../services/households/update-household.ts";
import type {
  CreateHouseholdRoute,
  GetHouseholdRoute,
  ImportHouseholdsRoute,
  ListHouseholdsRoute,
  ReissueDoorplateRoute,
  RevealHouseholdRoute,
  UpdateHouseholdRoute,
} from "./households.routes.ts";

export const createHousehold: RouteHandler<CreateHouseholdRoute, AppEnv> = async (c) => {
  const row = await create({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json") });
  return c.json(presentHousehold(row, publicBaseUrl(c)), 201, { location: `/v1/households/${row.id}` });
};

export const importHouseholds: RouteHandler<ImportHouseholdsRoute, AppEnv> = async (c) => {
  const p = caller(c);
  const [mediaType, ...params] = (c.req.header("content-type") ?? "").split(";").map((s) => s.trim().toLowerCase());
  if (mediaType !== "text/csv") throw new AppError("unsupported_media_type", "Send the file as `text/csv`.");
  const charset = params.find((s) => s.startsWith("charset="))?.slice("charset=".length).replaceAll('"', "");
  const csv = decodeCsv(await c.req.arrayBuffer(), charset);
  const rows = await importCsv({ deps: c.get("deps"), caller: p, csv, requestId: c.get("requestId") });
  const base = publicBaseUrl(c);
  return c.json(
    {
      imported: rows.length,
      households: rows.map((r) => ({
        line: r.line,
        id: r.id,
        external_ref: r.externalRef ?? null,
        doorplate_code: r.doorplateCode,
        doorplate_url: doorplateUrl(base, r.doorplateCode),
      })),
    },
    201,
  );
};

export const listHouseholds: RouteHandler<ListHouseholdsRoute, AppEnv> = async (c) =>
  c.json(await list({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query"), publicBase: publicBaseUrl(c) }), 200);

export const getHousehold: RouteHandler<GetHouseholdRoute, AppEnv> = async (c) => {
  const p = caller(c);
  return c.json(presentHouseholdView(await findHousehold(c.get("deps"), p, c.req.valid("param").id), publicBaseUrl(c), isAdmin(p)), 200);
};

export const updateHousehold: RouteHandler<UpdateHouseholdRoute, AppEnv> = async (c) => {
  const row = await update({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, input: c.req.valid("json") });
  return c.json(presentHousehold(row, publicBaseUrl(c)), 200); // admins only
};

export const reissueDoorplate: RouteHandler<ReissueDoorplateRoute, AppEnv> = async (c) => {
  const row = await reissue({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, requestId: c.get("requestId") });
  return c.json(presentHousehold(row, publicBaseUrl(c)), 200); // admins only
};

export const revealHousehold: RouteHandler<RevealHouseholdRoute, AppEnv> = async (c) => {
  const revealed = await reveal({
    deps: c.get("deps"),
    caller: caller(c),
    id: c.req.valid("param").id,
    reason: c.req.valid("json").reason,
    requestId: c.get("requestId"),
  });
  return c.json(revealed, 200, { "cache-control": "no-store" });
};
