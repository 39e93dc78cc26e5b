import { ApiError } from "../errors.js";
import type { Result } from "../types.js";
import { Resource } from "./resource.js";

/** Liveness and readiness probes (no credential needed). */
export class Health extends Resource {
  live() {
    return this.client.call("getHealth", {}, { maxRetries: 0 });
  }
  /** `status: "not_ready"` is an answer here, not an error: a 503 resolves with its body. */
  async ready(): Promise<Result<"getReadiness">> {
    try {
      return await this.client.call("getReadiness", {}, { maxRetries: 0 });
    } catch (err) {
      if (err instanceof ApiError && err.status === 503 && err.body && typeof err.body === "object" && "database" in err.body) {
        return err.body as Result<"getReadiness">;
      }
      throw err;
    }
  }
}
