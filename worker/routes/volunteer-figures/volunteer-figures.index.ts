import { createRouter } from "../../lib/openapi.ts";
import * as h from "./volunteer-figures.handlers.ts";
import * as r from "./volunteer-figures.routes.ts";

export const volunteerFigures = createRouter().openapi(r.getVolunteerFigures, h.getVolunteerFigures);
