import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Leads (线索) reported by volunteers, turned into service requests by officers. */
export class Leads extends Resource {
  /** Report a lead (线索), usually from a task; emits `lead.created`. */
  create(body: Body<"createLead">, o?: RequestOptions) {
    return this.client.call("createLead", { body }, o);
  }
  /** Leads, newest first (staff: all; volunteers: their own). */
  list(query?: QueryParams<"listLeads">, o?: RequestOptions) {
    return this.client.list("listLeads", { query }, o);
  }
  /** Get a lead. */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getLead", { path: { id } }, o);
  }
  /** Attach a photo to your lead (JPEG, PNG or WebP; checked by content). */
  putPhoto(id: string, body: Body<"putLeadPhoto">, o?: RequestOptions) {
    return this.client.call("putLeadPhoto", { path: { id }, body }, o);
  }
  /** The lead's photo. */
  getPhoto(id: string, o?: RequestOptions) {
    return this.client.call("getLeadPhoto", { path: { id } }, o);
  }
  /** Link a lead to the service request an officer created from it. */
  convert(id: string, body: Body<"convertLead">, o?: RequestOptions) {
    return this.client.call("convertLead", { path: { id }, body }, o);
  }
  /** Close a lead that needs no request. */
  dismiss(id: string, body: Body<"dismissLead">, o?: RequestOptions) {
    return this.client.call("dismissLead", { path: { id }, body }, o);
  }
}
