import { createRouter } from "../../lib/openapi.ts";
import * as h from "./points.handlers.ts";
import * as r from "./points.routes.ts";

export const points = createRouter()
  .openapi(r.getPointsBalance, h.getPointsBalance)
  .openapi(r.listPointEntries, h.listPointEntries)
  .openapi(r.createPointEntry, h.createPointEntry)
  .openapi(r.getVolunteerLeaderboard, h.getVolunteerLeaderboard);
