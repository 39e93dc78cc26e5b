import { createRouter } from "../../lib/openapi.ts";
import * as h from "./keys.handlers.ts";
import * as r from "./keys.routes.ts";

export const keys = createRouter()
  .openapi(r.createApiKey, h.createApiKey)
  .openapi(r.listApiKeys, h.listApiKeys)
  .openapi(r.getApiKey, h.getApiKey)
  .openapi(r.revokeApiKey, h.revokeApiKey)
  .openapi(r.rotateApiKey, h.rotateApiKey);
