import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Disputes. */
export class Disputes extends Resource {
  /** List disputes (staff), newest first. */
  list(query?: QueryParams<"listDisputes">, o?: RequestOptions) {
    return this.client.list("listDisputes", { query }, o);
  }
  /** Scheduled follow-up visits (回访), soonest due first. */
  listFollowUps(query?: QueryParams<"listDisputeFollowUps">, o?: RequestOptions) {
    return this.client.list("listDisputeFollowUps", { query }, o);
  }
  /** The mediation file: grade and its history, level, parties, sessions, agreement, follow-ups. */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getDispute", { path: { id } }, o);
  }
  /** Change the colour grade (kept in the history). Send the ETag you read as `{ ifMatch }`. */
  grade(id: string, body: Body<"gradeDispute">, o?: RequestOptions) {
    return this.client.call("gradeDispute", { path: { id }, body }, o);
  }
  /** Escalate mediation one level (grid → town/station → county). Send the ETag you read as `{ ifMatch }`. */
  escalate(id: string, body: Body<"escalateDispute">, o?: RequestOptions) {
    return this.client.call("escalateDispute", { path: { id }, body }, o);
  }
  /** Add a party. */
  addParty(id: string, body: Body<"addDisputeParty">, o?: RequestOptions) {
    return this.client.call("addDisputeParty", { path: { id }, body }, o);
  }
  /** Record a mediation session. */
  recordMediationSession(id: string, body: Body<"recordMediationSession">, o?: RequestOptions) {
    return this.client.call("recordMediationSession", { path: { id }, body }, o);
  }
  /** Record the signed agreement (调解协议书): mediation succeeded. Send the ETag you read as `{ ifMatch }`. */
  recordMediationAgreement(id: string, body: Body<"recordMediationAgreement">, o?: RequestOptions) {
    return this.client.call("recordMediationAgreement", { path: { id }, body }, o);
  }
  /** Record a follow-up visit (回访). */
  recordFollowUp(id: string, followUpId: string, body: Body<"recordDisputeFollowUp">, o?: RequestOptions) {
    return this.client.call("recordDisputeFollowUp", { path: { id, follow_up_id: followUpId }, body }, o);
  }
}
