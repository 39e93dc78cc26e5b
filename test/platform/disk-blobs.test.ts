import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { diskBlobStore } from "../../worker/runtime/disk-blobs.ts";

/** `npm start` keeps request photos and lead photos on disk: what goes in comes back, across restarts. */
const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), "fq-blobs-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 7]);
const files = (d: string): string[] => readdirSync(d, { recursive: true }).map(String).sort();

describe("disk blob store", () => {
  it("gives back the same bytes and media type, also to a store opened later on the same folder", async () => {
    const root = folder();
    await diskBlobStore(root).put("requests/req_1/pho_1", png, "image/png");
    const again = await diskBlobStore(root).get("requests/req_1/pho_1");
    expect(again?.contentType).toBe("image/png");
    expect([...again!.body]).toEqual([...png]);
  });

  it("leaves nothing but the blob and its media type behind a write", async () => {
    const root = folder();
    const store = diskBlobStore(root);
    await store.put("leads/led_1/pho_1", png, "image/png");
    await store.put("leads/led_1/pho_1", Uint8Array.from([1, 2, 3]), "image/webp");
    expect(files(root)).toEqual(["leads", "leads/led_1", "leads/led_1/pho_1", "leads/led_1/pho_1.type"]);
    expect(await store.get("leads/led_1/pho_1")).toEqual({ body: Uint8Array.from([1, 2, 3]), contentType: "image/webp" });
  });

  it("answers null for a blob it does not hold, or one deleted; deleting twice is fine", async () => {
    const store = diskBlobStore(folder());
    expect(await store.get("requests/none")).toBeNull();
    await store.put("requests/req_2/pho_1", png, "image/png");
    await store.delete("requests/req_2/pho_1");
    await store.delete("requests/req_2/pho_1");
    expect(await store.get("requests/req_2/pho_1")).toBeNull();
  });

  it("never reads or writes outside its folder, whatever the key", async () => {
    const parent = folder();
    const root = join(parent, "blobs");
    const store = diskBlobStore(root);
    for (const key of ["../outside", "a/../../outside", ".."]) {
      await expect(store.put(key, png, "image/png"), key).rejects.toThrow(/escapes/);
      await expect(store.get(key), key).rejects.toThrow(/escapes/);
      await expect(store.delete(key), key).rejects.toThrow(/escapes/);
    }
    expect(files(parent)).toEqual([]);
    // A key that looks absolute is still a name inside the folder.
    await store.put("/etc/passwd", png, "image/png");
    expect(files(parent)).toEqual(["blobs", "blobs/etc", "blobs/etc/passwd", "blobs/etc/passwd.type"]);
  });
});
