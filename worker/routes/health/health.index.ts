import { createRouter } from "../../lib/openapi.ts";
import * as handlers from "./health.handlers.ts";
import * as routes from "./health.routes.ts";

export const health = createRouter()
  .openapi(routes.getHealth, handlers.getHealth)
  .openapi(routes.getReadiness, handlers.getReadiness);
