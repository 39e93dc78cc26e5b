import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** The area tree (county → town → community → grid) and each area's roster. */
export class Areas extends Resource {
  /** Add an area to the tree (county → town → community → grid). */
  create(body: Body<"createArea">, o?: RequestOptions) {
    return this.client.call("createArea", { body }, o);
  }
  /** List areas by parent, by level, or under an area. */
  list(query?: QueryParams<"listAreas">, o?: RequestOptions) {
    return this.client.list("listAreas", { query }, o);
  }
  /** Get an area with the names of its ancestors. */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getArea", { path: { id } }, o);
  }
  /** Rename an area or change its code or centre. */
  update(id: string, body: Body<"updateArea">, o?: RequestOptions) {
    return this.client.call("updateArea", { path: { id }, body }, o);
  }
  /** The area's roster: grid leader, grid workers, officer, members. */
  listMembers(id: string, query?: QueryParams<"listAreaMembers">, o?: RequestOptions) {
    return this.client.list("listAreaMembers", { path: { id }, query }, o);
  }
  /** Give a user a duty in an area, or change it. */
  assignMember(id: string, userId: string, body: Body<"assignAreaMember">, o?: RequestOptions) {
    return this.client.call("assignAreaMember", { path: { id, user_id: userId }, body }, o);
  }
  /** Take a user off an area's roster. */
  removeMember(id: string, userId: string, o?: RequestOptions) {
    return this.client.call("removeAreaMember", { path: { id, user_id: userId } }, o);
  }
}
