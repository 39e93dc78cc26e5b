import type { QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Figures per area and period. `format: "csv"` answers CSV text. */
export class Stats extends Resource {
  /** Volunteer hours, tasks filled, fill rate and leads for an area and period (JSON or CSV). */
  volunteers(query?: QueryParams<"getVolunteerFigures">, o?: RequestOptions) {
    return this.client.call("getVolunteerFigures", { query }, o);
  }
  /** Requests by status, category and channel, response and resolution times, satisfaction, disputes (JSON or CSV). */
  requests(query?: QueryParams<"getServiceRequestFigures">, o?: RequestOptions) {
    return this.client.call("getServiceRequestFigures", { query }, o);
  }
  /** Alert reach and read rate, reports, confirmed indicators, interventions and stop-loss (JSON or CSV). */
  antiFraud(query?: QueryParams<"getAntiFraudFigures">, o?: RequestOptions) {
    return this.client.call("getAntiFraudFigures", { query }, o);
  }
}
