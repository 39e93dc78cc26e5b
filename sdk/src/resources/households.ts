import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Households and their doorplate codes. */
export class Households extends Resource {
  /** Add a household and issue its doorplate code. */
  create(body: Body<"createHousehold">, o?: RequestOptions) {
    return this.client.call("createHousehold", { body }, o);
  }
  /** List households in an area (descendants included). */
  list(query?: QueryParams<"listHouseholds">, o?: RequestOptions) {
    return this.client.list("listHouseholds", { query }, o);
  }
  /** Import households from CSV (all or nothing). */
  import(body: Body<"importHouseholds">, o?: RequestOptions) {
    return this.client.call("importHouseholds", { body }, o);
  }
  /** Get a household. */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getHousehold", { path: { id } }, o);
  }
  /** Change a household's address, grid, position or reference. */
  update(id: string, body: Body<"updateHousehold">, o?: RequestOptions) {
    return this.client.call("updateHousehold", { path: { id }, body }, o);
  }
  /** Replace a household's doorplate code (the old one stops working). */
  reissueDoorplate(id: string, o?: RequestOptions) {
    return this.client.call("reissueDoorplate", { path: { id } }, o);
  }
  /** Reveal a household's full address (audited). */
  reveal(id: string, body: Body<"revealHousehold">, o?: RequestOptions) {
    return this.client.call("revealHousehold", { path: { id }, body }, o);
  }
}
