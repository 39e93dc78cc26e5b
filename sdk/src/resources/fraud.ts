import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Fraud. */
export class Fraud extends Resource {
  /** Check a phone number, link, account, QR code, app or social account before paying. */
  check(body: Body<"checkFraudIndicator">, o?: RequestOptions) {
    return this.client.call("checkFraudIndicator", { body }, o);
  }
  /** Report a suspicious phone number, link, account, QR code, app or social account. */
  report(body: Body<"reportFraudIndicator">, o?: RequestOptions) {
    return this.client.call("reportFraudIndicator", { body }, o);
  }
  /** Your own reports and what became of them, newest first. */
  listMyReports(query?: QueryParams<"listMyFraudReports">, o?: RequestOptions) {
    return this.client.list("listMyFraudReports", { query }, o);
  }
  /** Attach a screenshot or photo to your report (JPEG, PNG or WebP, at most 4). */
  addReportPhoto(id: string, body: Body<"addFraudReportPhoto">, o?: RequestOptions) {
    return this.client.call("addFraudReportPhoto", { path: { id }, body }, o);
  }
  /** A report's photo (its reporter, or staff reviewing reports). */
  getReportPhoto(id: string, index: number, o?: RequestOptions) {
    return this.client.call("getFraudReportPhoto", { path: { id, index } }, o);
  }
  /** The review queue of reported values, most recently reported first (staff). */
  list(query?: QueryParams<"listFraudIndicators">, o?: RequestOptions) {
    return this.client.list("listFraudIndicators", { query }, o);
  }
  /** One indicator (staff). */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getFraudIndicator", { path: { id } }, o);
  }
  /** The reports behind an indicator (staff). */
  listReports(id: string, query?: QueryParams<"listFraudIndicatorReports">, o?: RequestOptions) {
    return this.client.list("listFraudIndicatorReports", { path: { id }, query }, o);
  }
  /** Confirm an indicator is used in fraud: checks then answer `confirmed`. */
  confirm(id: string, body?: Body<"confirmFraudIndicator">, o?: RequestOptions) {
    return this.client.call("confirmFraudIndicator", { path: { id }, body }, o);
  }
  /** Dismiss an indicator as not fraud: checks then answer `none`. */
  dismiss(id: string, body?: Body<"dismissFraudIndicator">, o?: RequestOptions) {
    return this.client.call("dismissFraudIndicator", { path: { id }, body }, o);
  }
}
