import { createRouter } from "../../lib/openapi.ts";
import * as h from "./leads.handlers.ts";
import * as r from "./leads.routes.ts";

export const leads = createRouter()
  .openapi(r.createLead, h.createLead)
  .openapi(r.listLeads, h.listLeads)
  .openapi(r.getLead, h.getLead)
  .openapi(r.putLeadPhoto, h.putLeadPhoto)
  .openapi(r.getLeadPhoto, h.getLeadPhoto)
  .openapi(r.convertLead, h.convertLead)
  .openapi(r.dismissLead, h.dismissLead);
