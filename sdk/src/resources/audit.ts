import type { QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** The append-only audit log: keys, roles, every reveal of personal data. */
export class Audit extends Resource {
  /** Read the append-only audit log, newest first. */
  list(query?: QueryParams<"listAuditLog">, o?: RequestOptions) {
    return this.client.list("listAuditLog", { query }, o);
  }
}
