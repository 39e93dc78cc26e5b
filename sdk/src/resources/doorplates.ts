import type { QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** Doorplates: what a scanned code resolves to (no credential needed), and its printable QR codes. */
export class Doorplates extends Resource {
  /** Resolve a scanned doorplate: grid, duty staff, service menu. */
  get(code: string, o?: RequestOptions) {
    return this.client.call("getDoorplate", { path: { code } }, o);
  }
  /** The doorplate's QR code as SVG, for printing. */
  qrSvg(code: string, query?: QueryParams<"getDoorplateQrSvg">, o?: RequestOptions) {
    return this.client.call("getDoorplateQrSvg", { path: { code }, query }, o);
  }
  /** The doorplate's QR code as PNG. */
  qrPng(code: string, query?: QueryParams<"getDoorplateQrPng">, o?: RequestOptions) {
    return this.client.call("getDoorplateQrPng", { path: { code }, query }, o);
  }
}
