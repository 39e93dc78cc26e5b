import { createRouter } from "../../lib/openapi.ts";
import * as h from "./disputes.handlers.ts";
import * as r from "./disputes.routes.ts";

// `/v1/disputes/follow-ups` before `/v1/disputes/{id}`.
export const disputes = createRouter()
  .openapi(r.listDisputes, h.listDisputes)
  .openapi(r.listDisputeFollowUps, h.listDisputeFollowUps)
  .openapi(r.getDispute, h.getDispute)
  .openapi(r.gradeDispute, h.gradeDispute)
  .openapi(r.escalateDispute, h.escalateDispute)
  .openapi(r.addDisputeParty, h.addDisputeParty)
  .openapi(r.recordMediationSession, h.recordMediationSession)
  .openapi(r.recordMediationAgreement, h.recordMediationAgreement)
  .openapi(r.recordDisputeFollowUp, h.recordDisputeFollowUp);
