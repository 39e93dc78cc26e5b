import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Sign-ups for tasks: the volunteer's own (withdraw, check in and out) and staff's (attendance, no-shows). */
export class Signups extends Resource {
  /** Your sign-ups, newest first. */
  listMine(query?: QueryParams<"listMySignups">, o?: RequestOptions) {
    return this.client.list("listMySignups", { query }, o);
  }
  /** Get a sign-up (its volunteer, or staff). */
  get(signupId: string, o?: RequestOptions) {
    return this.client.call("getSignup", { path: { id: signupId } }, o);
  }
  /** Withdraw your sign-up; the first on the waitlist takes your place. */
  withdraw(signupId: string, o?: RequestOptions) {
    return this.client.call("withdrawSignup", { path: { id: signupId } }, o);
  }
  /** Check in on site. */
  checkIn(signupId: string, body: Body<"checkIn">, o?: RequestOptions) {
    return this.client.call("checkIn", { path: { id: signupId }, body }, o);
  }
  /** Check out; minutes served are computed. */
  checkOut(signupId: string, body: Body<"checkOut">, o?: RequestOptions) {
    return this.client.call("checkOut", { path: { id: signupId }, body }, o);
  }
  /** Confirm a volunteer served: credits minutes and points on the ledger (staff). */
  confirmAttendance(signupId: string, body?: Body<"confirmAttendance">, o?: RequestOptions) {
    return this.client.call("confirmAttendance", { path: { id: signupId }, body }, o);
  }
  /** Flag a confirmed volunteer who never came, after the window (staff). */
  markNoShow(signupId: string, o?: RequestOptions) {
    return this.client.call("markNoShow", { path: { id: signupId } }, o);
  }
}
