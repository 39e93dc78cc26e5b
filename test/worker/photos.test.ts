import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { call } from "./call.ts";

/** Request photos on the Workers runtime: the same routes, the bytes kept in R2 (the `BLOBS` binding). */
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);

describe("request photos in workerd", () => {
  it("stores the photo in the R2 bucket by its content type and serves the same bytes back", async () => {
    const auth = { authorization: `Bearer ${inject("adminKey")}` };
    const filed = await call("/v1/requests", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ service_code: "noise", description: "楼下商铺音响扰民（workerd）", attributes: { source: "shop" } }),
    });
    expect(filed.status, await filed.clone().text()).toBe(201);
    const { id } = (await filed.json()) as { id: string };

    const form = new FormData();
    // Named and typed as a JPEG: the content decides.
    form.append("photo", new File([png], "photo.jpg", { type: "image/jpeg" }));
    const uploaded = await call(`/v1/requests/${id}/photos`, { method: "POST", headers: auth, body: form });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    const photo = (await uploaded.json()) as { id: string; content_type: string };
    expect(photo.content_type).toBe("image/png");
    const stored = await (env as { BLOBS: R2Bucket }).BLOBS.list();
    expect(stored.objects).toHaveLength(1);

    const served = await call(`/v1/requests/${id}/photos/${photo.id}`, { headers: auth });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);

    const notAnImage = new FormData();
    notAnImage.append("photo", new File([new TextEncoder().encode("<svg/>")], "photo.png", { type: "image/png" }));
    expect((await call(`/v1/requests/${id}/photos`, { method: "POST", headers: auth, body: notAnImage })).status).toBe(415);
    expect((await (env as { BLOBS: R2Bucket }).BLOBS.list()).objects).toHaveLength(1);
  });
});
