import { createRouter } from "../../lib/openapi.ts";
import * as h from "./audit.handlers.ts";
import * as r from "./audit.routes.ts";

export const auditRouter = createRouter().openapi(r.listAuditLog, h.listAuditLog);
