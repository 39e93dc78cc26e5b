import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Service requests. */
export class Requests extends Resource {
  /** File a request (群众点单) from any channel. */
  create(body: Body<"createServiceRequest">, o?: RequestOptions) {
    return this.client.call("createServiceRequest", { body }, o);
  }
  /** List requests the caller may see, newest first. */
  list(query?: QueryParams<"listServiceRequests">, o?: RequestOptions) {
    return this.client.list("listServiceRequests", { query }, o);
  }
  /** The duty desk's inbox: waiting for dispatch, most urgent then oldest first. */
  listDispatchInbox(query?: QueryParams<"listDispatchInbox">, o?: RequestOptions) {
    return this.client.list("listDispatchInbox", { query }, o);
  }
  /** An agency's queue: requests with it, soonest due first. */
  listAgencyQueue(query?: QueryParams<"listAgencyQueue">, o?: RequestOptions) {
    return this.client.list("listAgencyQueue", { query }, o);
  }
  /** The requests the caller follows (a resident) or filed (staff, kiosks), newest first. */
  listMy(query?: QueryParams<"listMyServiceRequests">, o?: RequestOptions) {
    return this.client.list("listMyServiceRequests", { query }, o);
  }
  /** Requests past a due time and not yet resolved, most overdue first. */
  listOverdue(query?: QueryParams<"listOverdueServiceRequests">, o?: RequestOptions) {
    return this.client.list("listOverdueServiceRequests", { query }, o);
  }
  /** Get one request (by id or tracking code), with its photos. */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getServiceRequest", { path: { id } }, o);
  }
  /** The request's timeline, oldest first. */
  listEvents(id: string, query?: QueryParams<"listServiceRequestEvents">, o?: RequestOptions) {
    return this.client.list("listServiceRequestEvents", { path: { id }, query }, o);
  }
  /** Add a public comment or an internal note to the timeline. */
  addComment(id: string, body: Body<"addServiceRequestComment">, o?: RequestOptions) {
    return this.client.call("addServiceRequestComment", { path: { id }, body }, o);
  }
  /** Attach a photo (multipart field `photo`). */
  addPhoto(id: string, body: Body<"addServiceRequestPhoto">, o?: RequestOptions) {
    return this.client.call("addServiceRequestPhoto", { path: { id }, body }, o);
  }
  /** Download a photo (only for callers who may see the request). */
  getPhoto(id: string, photoId: string, o?: RequestOptions) {
    return this.client.call("getServiceRequestPhoto", { path: { id, photo_id: photoId } }, o);
  }
  /** Reveal the reporter's unmasked contact (staff; audited). */
  revealContact(id: string, o?: RequestOptions) {
    return this.client.call("revealServiceRequestContact", { path: { id } }, o);
  }
  /** 派单: send to an agency (the desk). Send the ETag you read as `{ ifMatch }`. */
  dispatch(id: string, body?: Body<"dispatchServiceRequest">, o?: RequestOptions) {
    return this.client.call("dispatchServiceRequest", { path: { id }, body }, o);
  }
  /** 接单: the assigned agency accepts. Send the ETag you read as `{ ifMatch }`. */
  accept(id: string, body?: Body<"acceptServiceRequest">, o?: RequestOptions) {
    return this.client.call("acceptServiceRequest", { path: { id }, body }, o);
  }
  /** The assigned agency hands it back to the desk, with a reason. Send the ETag you read as `{ ifMatch }`. */
  decline(id: string, body: Body<"declineServiceRequest">, o?: RequestOptions) {
    return this.client.call("declineServiceRequest", { path: { id }, body }, o);
  }
  /** Pass it to another agency. Send the ETag you read as `{ ifMatch }`. */
  transfer(id: string, body: Body<"transferServiceRequest">, o?: RequestOptions) {
    return this.client.call("transferServiceRequest", { path: { id }, body }, o);
  }
  /** The agency starts work. Send the ETag you read as `{ ifMatch }`. */
  start(id: string, body?: Body<"startServiceRequest">, o?: RequestOptions) {
    return this.client.call("startServiceRequest", { path: { id }, body }, o);
  }
  /** 办结: resolved, with what was done. Send the ETag you read as `{ ifMatch }`. */
  resolve(id: string, body: Body<"resolveServiceRequest">, o?: RequestOptions) {
    return this.client.call("resolveServiceRequest", { path: { id }, body }, o);
  }
  /** 评单: rate 1-5 (2 or less reopens and escalates). Send the ETag you read as `{ ifMatch }`. */
  rate(id: string, body: Body<"rateServiceRequest">, o?: RequestOptions) {
    return this.client.call("rateServiceRequest", { path: { id }, body }, o);
  }
  /** Close a resolved or rated request (the desk). Send the ETag you read as `{ ifMatch }`. */
  close(id: string, body?: Body<"closeServiceRequest">, o?: RequestOptions) {
    return this.client.call("closeServiceRequest", { path: { id }, body }, o);
  }
  /** Withdraw (the resident, or the desk for them). Send the ETag you read as `{ ifMatch }`. */
  withdraw(id: string, body?: Body<"withdrawServiceRequest">, o?: RequestOptions) {
    return this.client.call("withdrawServiceRequest", { path: { id }, body }, o);
  }
  /** Mark as a duplicate of another request. Send the ETag you read as `{ ifMatch }`. */
  markDuplicate(id: string, body: Body<"markServiceRequestDuplicate">, o?: RequestOptions) {
    return this.client.call("markServiceRequestDuplicate", { path: { id }, body }, o);
  }
  /** Mark as invalid, with the reason. Send the ETag you read as `{ ifMatch }`. */
  markInvalid(id: string, body: Body<"markServiceRequestInvalid">, o?: RequestOptions) {
    return this.client.call("markServiceRequestInvalid", { path: { id }, body }, o);
  }
  /** Reopen: back to the desk, escalated. Send the ETag you read as `{ ifMatch }`. */
  reopen(id: string, body: Body<"reopenServiceRequest">, o?: RequestOptions) {
    return this.client.call("reopenServiceRequest", { path: { id }, body }, o);
  }
}
