import { createRouter } from "../../lib/openapi.ts";
import { doorplatePage } from "./doorplate-page.ts";
import * as h from "./doorplates.handlers.ts";
import * as r from "./doorplates.routes.ts";

export const doorplatesRouter = createRouter()
  .openapi(r.getDoorplate, h.getDoorplate)
  .openapi(r.getDoorplateQrSvg, h.getDoorplateQrSvg)
  .openapi(r.getDoorplateQrPng, h.getDoorplateQrPng);
// The human page the QR code opens; not part of the API contract.
doorplatesRouter.get("/d/:code", doorplatePage);
