import { createRouter } from "../../lib/openapi.ts";
import * as h from "./interventions.handlers.ts";
import * as r from "./interventions.routes.ts";

export const interventionRoutes = createRouter()
  .openapi(r.createIntervention, h.createIntervention)
  .openapi(r.listInterventions, h.listInterventions)
  .openapi(r.getIntervention, h.getIntervention)
  .openapi(r.acknowledgeIntervention, h.acknowledgeIntervention)
  .openapi(r.assignIntervention, h.assignIntervention)
  .openapi(r.addInterventionNote, h.addInterventionNote)
  .openapi(r.resolveIntervention, h.resolveIntervention)
  .openapi(r.revealInterventionContact, h.revealInterventionContact);
