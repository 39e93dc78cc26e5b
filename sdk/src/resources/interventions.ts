import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Interventions. */
export class Interventions extends Resource {
  /** Open a stop-payment intervention (劝阻 / 止损). */
  create(body: Body<"createIntervention">, o?: RequestOptions) {
    return this.client.call("createIntervention", { body }, o);
  }
  /** Interventions this caller may see, newest first. */
  list(query?: QueryParams<"listInterventions">, o?: RequestOptions) {
    return this.client.list("listInterventions", { query }, o);
  }
  /** One intervention with its timeline. */
  get(id: string, o?: RequestOptions) {
    return this.client.call("getIntervention", { path: { id } }, o);
  }
  /** The assigned officer (or the desk) has it in hand. */
  acknowledge(id: string, o?: RequestOptions) {
    return this.client.call("acknowledgeIntervention", { path: { id } }, o);
  }
  /** Hand the case to an officer (the desk). */
  assign(id: string, body: Body<"assignIntervention">, o?: RequestOptions) {
    return this.client.call("assignIntervention", { path: { id }, body }, o);
  }
  /** Add a note to the timeline. */
  addNote(id: string, body: Body<"addInterventionNote">, o?: RequestOptions) {
    return this.client.call("addInterventionNote", { path: { id }, body }, o);
  }
  /** Record the outcome: stopped (amount saved), lost (amount), or not fraud. */
  resolve(id: string, body: Body<"resolveIntervention">, o?: RequestOptions) {
    return this.client.call("resolveIntervention", { path: { id }, body }, o);
  }
  /** The unmasked name and phone of the person at risk (audited). */
  revealContact(id: string, o?: RequestOptions) {
    return this.client.call("revealInterventionContact", { path: { id } }, o);
  }
}
