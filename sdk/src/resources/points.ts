import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** The append-only points ledger, balances and leaderboards. */
export class Points extends Resource {
  /** A volunteer's points balance and hours (themselves, or staff). */
  balance(volunteerId: string, o?: RequestOptions) {
    return this.client.call("getPointsBalance", { path: { id: volunteerId } }, o);
  }
  /** A volunteer's points ledger, newest first. */
  list(volunteerId: string, query?: QueryParams<"listPointEntries">, o?: RequestOptions) {
    return this.client.list("listPointEntries", { path: { id: volunteerId }, query }, o);
  }
  /** Award a bonus or record a correction (officers); entries are never edited or deleted. */
  create(volunteerId: string, body: Body<"createPointEntry">, o?: RequestOptions) {
    return this.client.call("createPointEntry", { path: { id: volunteerId }, body }, o);
  }
  /** Points leaderboard for an area and a month, quarter or year. */
  leaderboard(query?: QueryParams<"getVolunteerLeaderboard">, o?: RequestOptions) {
    return this.client.list("getVolunteerLeaderboard", { query }, o);
  }
}
