import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Volunteer tasks: post, find (找活动), sign up, and the on-site check-in code. */
export class Tasks extends Resource {
  /** Post a volunteer task (officers, in their areas). */
  create(body: Body<"createTask">, o?: RequestOptions) {
    return this.client.call("createTask", { body }, o);
  }
  /** Find activities (找活动): tasks near a point, in an area, by kind and time. */
  list(query?: QueryParams<"listTasks">, o?: RequestOptions) {
    return this.client.list("listTasks", { query }, o);
  }
  /** The current check-in code as a QR image (SVG), to display on site. */
  siteCodeQr(id: string, o?: RequestOptions) {
    return this.client.call("getTaskSiteCodeQr", { path: { id } }, o);
  }
  /** The task's current rotating check-in code (staff, to show on site). */
  siteCode(id: string, o?: RequestOptions) {
    return this.client.call("getTaskSiteCode", { path: { id } }, o);
  }
  /** Get a task. */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getTask", { path: { id } }, o);
  }
  /** Edit a task's title, description, address or capacity. */
  update(id: string, body: Body<"updateTask">, o?: RequestOptions) {
    return this.client.call("updateTask", { path: { id }, body }, o);
  }
  /** Publish a draft task. */
  publish(id: string, o?: RequestOptions) {
    return this.client.call("publishTask", { path: { id } }, o);
  }
  /** Cancel a task (emits `task.cancelled` so its volunteers can be told). */
  cancel(id: string, body: Body<"cancelTask">, o?: RequestOptions) {
    return this.client.call("cancelTask", { path: { id }, body }, o);
  }
  /** Complete a task that has started (the schedule completes the rest after their window). */
  complete(id: string, o?: RequestOptions) {
    return this.client.call("completeTask", { path: { id } }, o);
  }
  /** Sign yourself up: confirmed while places are left, else waitlisted. */
  signUp(id: string, o?: RequestOptions) {
    return this.client.call("signUpForTask", { path: { id } }, o);
  }
  /** A task's roster and waitlist, in sign-up order (staff). */
  listSignups(id: string, query?: QueryParams<"listTaskSignups">, o?: RequestOptions) {
    return this.client.list("listTaskSignups", { path: { id }, query }, o);
  }
}
