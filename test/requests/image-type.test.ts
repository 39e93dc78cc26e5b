import { describe, expect, it } from "vitest";
import { sniffImageType } from "../../worker/services/requests/image-type.ts";

/** Photos are accepted by their first bytes only: whatever a file calls itself, only these four formats pass. */
const bytes = (...b: number[]) => new Uint8Array(b);
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4];
const WEBP = [0x57, 0x45, 0x42, 0x50];
const GIF87 = [0x47, 0x49, 0x46, 0x38, 0x37, 0x61];
const GIF89 = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61];

describe("image type by content", () => {
  it("knows JPEG, PNG, WebP and both GIFs from their signatures, at their shortest", () => {
    expect(sniffImageType(bytes(...JPEG))).toBe("image/jpeg");
    expect(sniffImageType(bytes(...PNG))).toBe("image/png");
    expect(sniffImageType(bytes(...RIFF, ...WEBP))).toBe("image/webp");
    expect(sniffImageType(bytes(...GIF87))).toBe("image/gif");
    expect(sniffImageType(bytes(...GIF89, 0, 0))).toBe("image/gif");
  });

  it("refuses a signature with any one byte wrong", () => {
    for (const sig of [JPEG, PNG, [...RIFF, ...WEBP], GIF87, GIF89]) {
      for (let i = 0; i < sig.length; i++) {
        if (i >= 4 && i < 8 && sig.length === 12) continue; // a RIFF file's size field is not part of the signature
        const wrong = [...sig];
        wrong[i] = wrong[i]! ^ 0x01;
        expect(sniffImageType(bytes(...wrong)), `${sig} byte ${i}`).toBeNull();
      }
    }
  });

  it("refuses a cut-off signature, another RIFF file, and text that names itself an image", () => {
    for (const sig of [JPEG, PNG, [...RIFF, ...WEBP], GIF89]) expect(sniffImageType(bytes(...sig.slice(0, -1)))).toBeNull();
    expect(sniffImageType(bytes(...RIFF, 0x41, 0x56, 0x49, 0x20))).toBeNull(); // RIFF….AVI
    expect(sniffImageType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffImageType(bytes())).toBeNull();
  });
});
