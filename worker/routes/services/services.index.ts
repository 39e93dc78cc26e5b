import { createRouter } from "../../lib/openapi.ts";
import * as h from "./services.handlers.ts";
import * as r from "./services.routes.ts";

export const serviceCatalogue = createRouter()
  .openapi(r.listServices, h.listServices)
  .openapi(r.getService, h.getService)
  .openapi(r.createService, h.createService)
  .openapi(r.updateService, h.updateService)
  .openapi(r.retireService, h.retireService);
