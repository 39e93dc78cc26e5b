import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { doorplateUrl, publicBaseUrl } from "../../lib/public-url.ts";
import { renderQr, type QrFormat } from "../../lib/qr.ts";
import { doorplateExists, resolveDoorplate } from "../../services/doorplates/resolve-doorplate.ts";
import type { GetDoorplateQrPngRoute, GetDoorplateQrSvgRoute, GetDoorplateRoute } from "./doorplates.routes.ts";

export const getDoorplate: RouteHandler<GetDoorplateRoute, AppEnv> = async (c) => {
  const plate = await resolveDoorplate({ deps: c.get("deps"), code: c.req.valid("param").code });
  // Short and private: a reissued code must stop resolving soon, and shared caches need not hold it.
  return c.json(plate, 200, { "cache-control": "private, max-age=60" });
};

const qr = (format: QrFormat) =>
  (async (c) => {
    const { code } = c.req.valid("param");
    const { scale, margin } = c.req.valid("query");
    if (!(await doorplateExists(c.get("deps"), code))) throw new AppError("not_found", "No doorplate with this code.");
    const { body, contentType } = await renderQr(doorplateUrl(publicBaseUrl(c), code), format, { scale, margin });
    return c.body(body as string | Uint8Array<ArrayBuffer>, 200, { "content-type": contentType, "cache-control": "private, max-age=3600" });
  }) satisfies RouteHandler<GetDoorplateQrSvgRoute | GetDoorplateQrPngRoute, AppEnv>;

export const getDoorplateQrSvg: RouteHandler<GetDoorplateQrSvgRoute, AppEnv> = qr("svg");
export const getDoorplateQrPng: RouteHandler<GetDoorplateQrPngRoute, AppEnv> = qr("png");
