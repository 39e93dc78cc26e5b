import { createRouter } from "../../lib/openapi.ts";
import * as h from "./households.handlers.ts";
import * as r from "./households.routes.ts";

export const householdsRouter = createRouter()
  .openapi(r.createHousehold, h.createHousehold)
  .openapi(r.importHouseholds, h.importHouseholds)
  .openapi(r.listHouseholds, h.listHouseholds)
  .openapi(r.getHousehold, h.getHousehold)
  .openapi(r.updateHousehold, h.updateHousehold)
  .openapi(r.reissueDoorplate, h.reissueDoorplate)
  .openapi(r.revealHousehold, h.revealHousehold);
