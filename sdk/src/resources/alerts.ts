import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Alerts. */
export class Alerts extends Resource {
  /** The active alerts covering this resident or kiosk, unread first. */
  listInbox(query?: QueryParams<"listAlertInbox">, o?: RequestOptions) {
    return this.client.list("listAlertInbox", { query }, o);
  }
  /** Mark several alerts delivered, read or acknowledged for this reader. */
  recordReceipts(body: Body<"recordAlertReceipts">, o?: RequestOptions) {
    return this.client.call("recordAlertReceipts", { body }, o);
  }
  /** Draft an alert. */
  create(body: Body<"createAlert">, o?: RequestOptions) {
    return this.client.call("createAlert", { body }, o);
  }
  /** List alert versions, newest first (staff). */
  list(query?: QueryParams<"listAlerts">, o?: RequestOptions) {
    return this.client.list("listAlerts", { query }, o);
  }
  /** One alert version as an OASIS CAP 1.2 message. */
  getCap(id: string, o?: RequestOptions) {
    return this.client.call("getAlertCap", { path: { id } }, o);
  }
  /** Audience, deliveries, reads and acknowledgements of one alert version, by area. */
  getStats(id: string, query?: QueryParams<"getAlertStats">, o?: RequestOptions) {
    return this.client.call("getAlertStats", { path: { id }, query }, o);
  }
  /** Get one alert version. */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getAlert", { path: { id } }, o);
  }
  /** Change a draft. Send the ETag you read as `{ ifMatch }`. */
  edit(id: string, body: Body<"editAlert">, o?: RequestOptions) {
    return this.client.call("editAlert", { path: { id }, body }, o);
  }
  /** Send a draft (CAP Alert). */
  publish(id: string, o?: RequestOptions) {
    return this.client.call("publishAlert", { path: { id } }, o);
  }
  /** Send a corrected version of a published alert (CAP Update). */
  issueUpdate(id: string, body: Body<"issueAlertUpdate">, o?: RequestOptions) {
    return this.client.call("issueAlertUpdate", { path: { id }, body }, o);
  }
  /** Withdraw a published alert (CAP Cancel). */
  cancel(id: string, body?: Body<"cancelAlert">, o?: RequestOptions) {
    return this.client.call("cancelAlert", { path: { id }, body }, o);
  }
  /** Mark one alert delivered, read or acknowledged for this reader. */
  recordReceipt(id: string, body: Body<"recordAlertReceipt">, o?: RequestOptions) {
    return this.client.call("recordAlertReceipt", { path: { id }, body }, o);
  }
  /** The active alerts covering a household, by its doorplate code, unread first. */
  listForDoorplate(code: string, query?: QueryParams<"listDoorplateAlerts">, o?: RequestOptions) {
    return this.client.list("listDoorplateAlerts", { path: { code }, query }, o);
  }
  /** Mark an alert delivered, read or acknowledged for a household. */
  recordDoorplateReceipt(code: string, id: string, body: Body<"recordDoorplateAlertReceipt">, o?: RequestOptions) {
    return this.client.call("recordDoorplateAlertReceipt", { path: { code, id }, body }, o);
  }
  /** Atom feed of the active CAP alerts in an area. */
  getAreaFeed(id: string, query?: QueryParams<"getAreaAlertFeed">, o?: RequestOptions) {
    return this.client.call("getAreaAlertFeed", { path: { id }, query }, o);
  }
}
