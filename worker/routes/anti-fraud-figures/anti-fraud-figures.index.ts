import { createRouter } from "../../lib/openapi.ts";
import * as h from "./anti-fraud-figures.handlers.ts";
import * as r from "./anti-fraud-figures.routes.ts";

export const antiFraudFigureRoutes = createRouter().openapi(r.getAntiFraudFigures, h.getAntiFraudFigures);
