import { createRouter } from "../../lib/openapi.ts";
import * as h from "./alerts.handlers.ts";
import * as r from "./alerts.routes.ts";

// The static paths (/inbox, /receipts) are registered before /{id} so they are never taken for an id.
export const alertRoutes = createRouter()
  .openapi(r.listAlertInbox, h.listAlertInbox)
  .openapi(r.recordAlertReceipts, h.recordAlertReceipts)
  .openapi(r.createAlert, h.createAlert)
  .openapi(r.listAlerts, h.listAlerts)
  .openapi(r.getAlertCap, h.getAlertCap)
  .openapi(r.getAlertStats, h.getAlertStats)
  .openapi(r.getAlert, h.getAlert)
  .openapi(r.editAlert, h.editAlert)
  .openapi(r.publishAlert, h.publishAlert)
  .openapi(r.issueAlertUpdate, h.issueAlertUpdate)
  .openapi(r.cancelAlert, h.cancelAlert)
  .openapi(r.recordAlertReceipt, h.recordAlertReceipt)
  .openapi(r.listDoorplateAlerts, h.listDoorplateAlerts)
  .openapi(r.recordDoorplateAlertReceipt, h.recordDoorplateAlertReceipt)
  .openapi(r.getAreaAlertFeed, h.getAreaAlertFeed);
