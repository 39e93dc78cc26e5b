import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, errorsFor, jsonContent } from "../../lib/openapi.ts";
import { DoorplateCodeParam, DoorplateSchema, QrQuery } from "./doorplates.schemas.ts";

/** No credential needed: anyone holding the plate may scan it. Limited per client address. */
const base = { tags: ["Doorplates"], security: [] };

export const getDoorplate = createRoute({
  ...base,
  method: "get",
  path: "/v1/doorplates/{code}",
  operationId: "getDoorplate",
  summary: "Resolve a scanned doorplate: grid, duty staff, service menu",
  description:
    "Public. Returns the area path, the grid, its leader, worker and community officer (names and phones masked), the masked address and the service menu: never the occupants' data. Unknown code: 404.",
  request: { params: DoorplateCodeParam },
  responses: { 200: jsonContent(DoorplateSchema, "The doorplate."), ...commonErrors, ...errorsFor("not_found") },
});
export type GetDoorplateRoute = typeof getDoorplate;

export const getDoorplateQrSvg = createRoute({
  ...base,
  method: "get",
  path: "/v1/doorplates/{code}/qr.svg",
  operationId: "getDoorplateQrSvg",
  summary: "The doorplate's QR code as SVG, for printing",
  description: "Public. Encodes `<PUBLIC_BASE_URL>/d/<code>` (the request's origin when PUBLIC_BASE_URL is not set). Error correction level M.",
  request: { params: DoorplateCodeParam, query: QrQuery },
  responses: {
    200: { description: "The QR code.", content: { "image/svg+xml": { schema: z.string().openapi({ description: "An SVG document." }) } } },
    ...commonErrors,
    ...errorsFor("not_found"),
  },
});
export type GetDoorplateQrSvgRoute = typeof getDoorplateQrSvg;

export const getDoorplateQrPng = createRoute({
  ...base,
  method: "get",
  path: "/v1/doorplates/{code}/qr.png",
  operationId: "getDoorplateQrPng",
  summary: "The doorplate's QR code as PNG",
  description: "Public. Same content as the SVG; a 1-bit image `scale` pixels per module.",
  request: { params: DoorplateCodeParam, query: QrQuery },
  responses: {
    200: { description: "The QR code.", content: { "image/png": { schema: z.string().openapi({ format: "binary" }) } } },
    ...commonErrors,
    ...errorsFor("not_found"),
  },
});
export type GetDoorplateQrPngRoute = typeof getDoorplateQrPng;
