import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Volunteer profiles and teams. */
export class Volunteers extends Resource {
  /** Apply to volunteer: create your profile (pending until staff verify). */
  apply(body: Body<"applyAsVolunteer">, o?: RequestOptions) {
    return this.client.call("applyAsVolunteer", { body }, o);
  }
  /** Your volunteer profile. */
  me(o?: RequestOptions) {
    return this.client.call("getMyVolunteerProfile", {  }, o);
  }
  /** Change your home area (any time), or your skills and team (while pending). */
  updateMe(body: Body<"updateMyVolunteerProfile">, o?: RequestOptions) {
    return this.client.call("updateMyVolunteerProfile", { body }, o);
  }
  /** List volunteers (staff), newest first. */
  list(query?: QueryParams<"listVolunteers">, o?: RequestOptions) {
    return this.client.list("listVolunteers", { query }, o);
  }
  /** Get a volunteer (staff, or the volunteer themselves). */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getVolunteer", { path: { id } }, o);
  }
  /** Change a volunteer's team, home area or skills (staff of their area). */
  update(id: string, body: Body<"updateVolunteer">, o?: RequestOptions) {
    return this.client.call("updateVolunteer", { path: { id }, body }, o);
  }
  /** Verify a pending (or reinstate a suspended) volunteer. */
  verify(id: string, body?: Body<"verifyVolunteer">, o?: RequestOptions) {
    return this.client.call("verifyVolunteer", { path: { id }, body }, o);
  }
  /** Suspend a volunteer: they can no longer sign up. */
  suspend(id: string, body?: Body<"suspendVolunteer">, o?: RequestOptions) {
    return this.client.call("suspendVolunteer", { path: { id }, body }, o);
  }
  /** A volunteer's unmasked name and phone (staff of their area; audited). */
  revealContact(id: string, o?: RequestOptions) {
    return this.client.call("revealVolunteerContact", { path: { id } }, o);
  }
  /** Create a volunteer team (officers, in their areas). */
  createTeam(body: Body<"createVolunteerTeam">, o?: RequestOptions) {
    return this.client.call("createVolunteerTeam", { body }, o);
  }
  /** List volunteer teams by name. */
  listTeams(query?: QueryParams<"listVolunteerTeams">, o?: RequestOptions) {
    return this.client.list("listVolunteerTeams", { query }, o);
  }
  /** Get a volunteer team. */
  getTeam(id: string, o?: RequestOptions) {
    return this.client.call("getVolunteerTeam", { path: { id } }, o);
  }
}
