import { createRouter } from "../../lib/openapi.ts";
import * as h from "./fraud.handlers.ts";
import * as r from "./fraud.routes.ts";

export const fraudRoutes = createRouter()
  .openapi(r.checkFraudIndicator, h.checkFraudIndicator)
  .openapi(r.reportFraudIndicator, h.reportFraudIndicator)
  .openapi(r.listMyFraudReports, h.listMyFraudReports)
  .openapi(r.addFraudReportPhoto, h.addFraudReportPhoto)
  .openapi(r.getFraudReportPhoto, h.getFraudReportPhoto)
  .openapi(r.listFraudIndicators, h.listFraudIndicators)
  .openapi(r.getFraudIndicator, h.getFraudIndicator)
  .openapi(r.listFraudIndicatorReports, h.listFraudIndicatorReports)
  .openapi(r.confirmFraudIndicator, h.confirmFraudIndicator)
  .openapi(r.dismissFraudIndicator, h.dismissFraudIndicator);
