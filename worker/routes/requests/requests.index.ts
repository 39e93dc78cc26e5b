import { createRouter } from "../../lib/openapi.ts";
import * as h from "./requests.handlers.ts";
import * as r from "./requests.routes.ts";

// Fixed paths (inbox, queue, mine, overdue) before `/v1/requests/{id}`.
export const serviceRequests = createRouter()
  .openapi(r.createServiceRequest, h.createServiceRequest)
  .openapi(r.listServiceRequests, h.listServiceRequests)
  .openapi(r.listDispatchInbox, h.listDispatchInbox)
  .openapi(r.listAgencyQueue, h.listAgencyQueue)
  .openapi(r.listMyServiceRequests, h.listMyServiceRequests)
  .openapi(r.listOverdueServiceRequests, h.listOverdueServiceRequests)
  .openapi(r.getServiceRequest, h.getServiceRequest)
  .openapi(r.listServiceRequestEvents, h.listServiceRequestEvents)
  .openapi(r.addServiceRequestComment, h.addServiceRequestComment)
  .openapi(r.addServiceRequestPhoto, h.addServiceRequestPhoto)
  .openapi(r.getServiceRequestPhoto, h.getServiceRequestPhoto)
  .openapi(r.revealServiceRequestContact, h.revealServiceRequestContact)
  .openapi(r.dispatchServiceRequest, h.dispatchServiceRequest)
  .openapi(r.acceptServiceRequest, h.acceptServiceRequest)
  .openapi(r.declineServiceRequest, h.declineServiceRequest)
  .openapi(r.transferServiceRequest, h.transferServiceRequest)
  .openapi(r.startServiceRequest, h.startServiceRequest)
  .openapi(r.resolveServiceRequest, h.resolveServiceRequest)
  .openapi(r.rateServiceRequest, h.rateServiceRequest)
  .openapi(r.closeServiceRequest, h.closeServiceRequest)
  .openapi(r.withdrawServiceRequest, h.withdrawServiceRequest)
  .openapi(r.markServiceRequestDuplicate, h.markServiceRequestDuplicate)
  .openapi(r.markServiceRequestInvalid, h.markServiceRequestInvalid)
  .openapi(r.reopenServiceRequest, h.reopenServiceRequest);
