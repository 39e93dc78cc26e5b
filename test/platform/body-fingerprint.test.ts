import { describe, expect, it } from "vitest";
import { fingerprintBytes } from "../../worker/lib/body-fingerprint.ts";

/**
 * A photo upload retried with the same Idempotency-Key must be recognised as the same request
 * although the client framed it with a new random boundary; a different photo, file name or field
 * under the same key must not be.
 */
const enc = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);

type Part = { name: string; filename?: string; type?: string; body: string };

function multipart(boundary: string, parts: Part[]) {
  const chunks = parts.map(
    (p) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ""}\r\n` +
      `${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n${p.body}\r\n`,
  );
  return enc.encode(`${chunks.join("")}--${boundary}--\r\n`).buffer as ArrayBuffer;
}

const photo: Part[] = [{ name: "file", filename: "drain.jpg", type: "image/jpeg", body: "\u00ff\u00d8jpeg-bytes" }, { name: "caption", body: "堵了" }];

describe("idempotency fingerprint of a body", () => {
  it("is the same for the same parts under another boundary, quoted or not", () => {
    const a = fingerprintBytes(multipart("----a1b2", photo), "multipart/form-data; boundary=----a1b2");
    const b = fingerprintBytes(multipart("zz-98765", photo), 'multipart/form-data; boundary="zz-98765"');
    const c = fingerprintBytes(multipart("XyZ", photo), "Multipart/Form-Data;boundary=XyZ; charset=utf-8");
    expect(text(b)).toBe(text(a));
    expect(text(c)).toBe(text(a));
    expect(text(a)).not.toContain("a1b2");
  });

  it("is the same for two encodings of one FormData, whose boundaries the runtime picks", async () => {
    const form = () => {
      const f = new FormData();
      f.set("file", new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: "image/jpeg" }), "drain.jpg");
      return f;
    };
    const [r1, r2] = [new Response(form()), new Response(form())];
    const [t1, t2] = [r1.headers.get("content-type")!, r2.headers.get("content-type")!];
    expect(t1).not.toBe(t2);
    expect(fingerprintBytes(await r1.arrayBuffer(), t1)).toEqual(fingerprintBytes(await r2.arrayBuffer(), t2));
  });

  it("differs when a photo's bytes, its file name, its type or a field differ", () => {
    const fp = (parts: Part[]) => text(fingerprintBytes(multipart("b0und", parts), "multipart/form-data; boundary=b0und"));
    const base = fp(photo);
    expect(fp([{ ...photo[0]!, body: "\u00ff\u00d8jpeg-bytez" }, photo[1]!])).not.toBe(base);
    expect(fp([{ ...photo[0]!, filename: "drain2.jpg" }, photo[1]!])).not.toBe(base);
    expect(fp([{ ...photo[0]!, type: "image/png" }, photo[1]!])).not.toBe(base);
    expect(fp([photo[0]!, { name: "caption", body: "通了" }])).not.toBe(base);
    expect(fp([photo[0]!])).not.toBe(base);
  });

  it("leaves every other body as its bytes", () => {
    const body = multipart("b0und", photo);
    const bytes = new Uint8Array(body);
    expect(fingerprintBytes(body, "application/octet-stream")).toEqual(bytes);
    expect(fingerprintBytes(body, undefined)).toEqual(bytes);
    // Multipart without a boundary parameter cannot be parsed by the route either: bytes as they are.
    expect(fingerprintBytes(body, "multipart/form-data")).toEqual(bytes);
    expect(fingerprintBytes(body, "image/jpeg; boundary=b0und")).toEqual(bytes);
  });

  it("takes out every boundary, also one that begins like itself", () => {
    // The boundary "aab" inside "aaab": a search that skipped past the first "a" would miss it.
    const out = fingerprintBytes(enc.encode("1aaab2aab3aab").buffer as ArrayBuffer, "multipart/form-data; boundary=aab");
    expect(text(out)).toBe("1a23");
  });
});
