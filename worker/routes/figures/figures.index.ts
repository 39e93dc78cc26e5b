import { createRouter } from "../../lib/openapi.ts";
import * as h from "./figures.handlers.ts";
import * as r from "./figures.routes.ts";

export const figures = createRouter().openapi(r.getServiceRequestFigures, h.getServiceRequestFigures);
