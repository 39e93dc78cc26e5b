import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Agencies: police stations, 城管, 住建, utilities — whoever requests are dispatched to. */
export class Agencies extends Resource {
  /** Register an agency: a police station, a department, a committee, a utility. */
  create(body: Body<"createAgency">, o?: RequestOptions) {
    return this.client.call("createAgency", { body }, o);
  }
  /** List this jurisdiction's agencies. */
  list(query?: QueryParams<"listAgencies">, o?: RequestOptions) {
    return this.client.list("listAgencies", { query }, o);
  }
  /** Get one agency. */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getAgency", { path: { id } }, o);
  }
  /** Change an agency's name, kind, area or phone. */
  update(id: string, body: Body<"updateAgency">, o?: RequestOptions) {
    return this.client.call("updateAgency", { path: { id }, body }, o);
  }
}
