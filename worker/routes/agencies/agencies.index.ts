import { createRouter } from "../../lib/openapi.ts";
import * as h from "./agencies.handlers.ts";
import * as r from "./agencies.routes.ts";

export const agenciesRouter = createRouter()
  .openapi(r.createAgency, h.createAgency)
  .openapi(r.listAgencies, h.listAgencies)
  .openapi(r.getAgency, h.getAgency)
  .openapi(r.updateAgency, h.updateAgency);
