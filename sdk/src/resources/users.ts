import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Staff, volunteers and residents of the jurisdiction. */
export class Users extends Resource {
  /** Register a staff member, volunteer or resident. */
  create(body: Body<"createUser">, o?: RequestOptions) {
    return this.client.call("createUser", { body }, o);
  }
  /** List users by role, agency or area. */
  list(query?: QueryParams<"listUsers">, o?: RequestOptions) {
    return this.client.list("listUsers", { query }, o);
  }
  /** Get a user (`me` for yourself). */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getUser", { path: { id } }, o);
  }
  /** Change a user's role, agency, name, phone, or disable them. */
  update(id: string, body: Body<"updateUser">, o?: RequestOptions) {
    return this.client.call("updateUser", { path: { id }, body }, o);
  }
  /** Reveal a user's unmasked name, phone and subject (audited). */
  reveal(id: string, body: Body<"revealUser">, o?: RequestOptions) {
    return this.client.call("revealUser", { path: { id }, body }, o);
  }
}
