import { createRouter } from "../../lib/openapi.ts";
import * as h from "./areas.handlers.ts";
import * as r from "./areas.routes.ts";

export const areasRouter = createRouter()
  .openapi(r.createArea, h.createArea)
  .openapi(r.listAreas, h.listAreas)
  .openapi(r.getArea, h.getArea)
  .openapi(r.updateArea, h.updateArea)
  .openapi(r.listAreaMembers, h.listAreaMembers)
  .openapi(r.assignAreaMember, h.assignAreaMember)
  .openapi(r.removeAreaMember, h.removeAreaMember);
