import type { R2Bucket } from "@cloudflare/workers-types";
import type { BlobStore } from "../deps.ts";
import { AppError } from "../lib/problem.ts";

export function r2BlobStore(bucket: R2Bucket): BlobStore {
  return {
    async put(key, body, contentType) {
      await bucket.put(key, body, { httpMetadata: { contentType } });
    },
    async get(key) {
      const obj = await bucket.get(key);
      if (!obj) return null;
      return { body: new Uint8Array(await obj.arrayBuffer()), contentType: obj.httpMetadata?.contentType ?? "application/octet-stream" };
    },
    async delete(key) {
      await bucket.delete(key);
    },
  };
}

/** A deployment without the BLOBS bucket still serves everything but uploads. */
export function missingBlobStore(): BlobStore {
  const fail = async (): Promise<never> => {
    throw new AppError("unavailable", "File storage is not configured on this deployment.");
  };
  return { put: fail, get: fail, delete: fail };
}
