import { createRouter } from "../../lib/openapi.ts";
import * as h from "./tokens.handlers.ts";
import * as r from "./tokens.routes.ts";

export const tokens = createRouter().openapi(r.exchangeToken, h.exchangeToken).openapi(r.getCaller, h.getCaller);
