import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Service catalogue. */
export class Services extends Resource {
  /** List the services residents can request, by code. */
  list(query?: QueryParams<"listServices">, o?: RequestOptions) {
    return this.client.list("listServices", { query }, o);
  }
  /** Add a service to the catalogue. */
  create(body: Body<"createService">, o?: RequestOptions) {
    return this.client.call("createService", { body }, o);
  }
  /** Get one service with its attribute definitions and SLA. */
  get(code: string, o?: RequestOptions) {
    return this.client.call("getService", { path: { code } }, o);
  }
  /** Change a service (names, attributes, default agency, SLA, active). */
  update(code: string, body: Body<"updateService">, o?: RequestOptions) {
    return this.client.call("updateService", { path: { code }, body }, o);
  }
  /** Retire a service: no new requests; existing ones keep it. */
  retire(code: string, o?: RequestOptions) {
    return this.client.call("retireService", { path: { code } }, o);
  }
}
