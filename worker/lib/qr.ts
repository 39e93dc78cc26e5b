import QRCode from "qrcode";
import { concatBytes } from "./bytes.ts";

export type QrFormat = "svg" | "png";

export interface QrOptions {
  /** Pixels per module (PNG) or the SVG's width in modules × this. */
  scale?: number;
  /** Quiet zone in modules; the standard asks for 4. */
  margin?: number;
}

/**
 * A QR code for `text`. The `qrcode` package computes the symbol (version, error correction,
 * masking) for both formats; it renders the SVG itself. For PNG we encode its module matrix
 * ourselves: the package's PNG writer needs Node streams and zlib, while CompressionStream
 * exists on Node and on Workers alike, so one code path serves both runtimes.
 */
export async function renderQr(text: string, format: QrFormat, opts: QrOptions = {}): Promise<{ body: Uint8Array | string; contentType: string }> {
  const scale = opts.scale ?? 8;
  const margin = opts.margin ?? 4;
  // Level M survives a scuffed or partly dirty outdoor doorplate without growing the symbol much.
  const symbol = QRCode.create(text, { errorCorrectionLevel: "M" });
  if (format === "svg") {
    const size = symbol.modules.size + margin * 2;
    const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin, width: size * scale });
    return { body: svg, contentType: "image/svg+xml" };
  }
  return { body: await matrixToPng(symbol.modules, scale, margin), contentType: "image/png" };
}

type Matrix = { size: number; data: Uint8Array };

/** 1-bit greyscale PNG: black modules on white, `scale` pixels each, `margin` modules of white around. */
async function matrixToPng(m: Matrix, scale: number, margin: number): Promise<Uint8Array> {
  const px = (m.size + margin * 2) * scale;
  const rowBytes = Math.ceil(px / 8);
  const raw = new Uint8Array((rowBytes + 1) * px); // each row: filter byte 0, then bits (1 = white)
  for (let y = 0; y < px; y++) {
    const my = Math.floor(y / scale) - margin;
    const row = y * (rowBytes + 1) + 1;
    for (let x = 0; x < px; x++) {
      const mx = Math.floor(x / scale) - margin;
      const dark = mx >= 0 && my >= 0 && mx < m.size && my < m.size && m.data[my * m.size + mx] === 1;
      if (!dark) raw[row + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, px);
  hv.setUint32(4, px);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filter, no interlace
  const idat = await deflate(raw);
  return concatBytes([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", idat),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/** zlib-wrapped deflate, which is what a PNG's IDAT holds. */
async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

