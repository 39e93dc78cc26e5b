import { ConnectionError, FengqiaoError } from "./errors.js";
import type { Transport } from "./transport.js";

/** The part of the mini-program `wx` object this transport uses (wx.request). */
export interface WxLike {
  request(options: {
    url: string;
    method: string;
    header: Record<string, string>;
    data?: string | ArrayBuffer;
    dataType: string;
    responseType: "text" | "arraybuffer";
    success(res: { statusCode: number; header: Record<string, string>; data: string | ArrayBuffer }): void;
    fail(err: { errMsg: string }): void;
  }): { abort(): void };
}

/**
 * WeChat mini-programs have no fetch: `new Fengqiao({ baseUrl, apiKey, transport: wxTransport(wx) })`.
 * wx.request calls `success` for every answer, 4xx and 5xx included, so the status is the client's to
 * judge (it is handed on as is); `fail` means no answer at all. Bodies are asked for as text because
 * wx's own JSON parsing would hide a problem body that is not JSON. wx.request has no PATCH, so
 * PATCH goes as POST with `X-HTTP-Method-Override: PATCH`, which the API serves as the PATCH it is.
 */
export function wxTransport(wx: WxLike): Transport {
  return (req) =>
    new Promise((resolve, reject) => {
      if (req.body !== undefined && typeof req.body !== "string" && !(req.body instanceof ArrayBuffer)) {
        // Photos go through wx.uploadFile, which takes a file path rather than bytes.
        reject(new FengqiaoError("wxTransport sends text or ArrayBuffer bodies; upload files with wx.uploadFile"));
        return;
      }
      const patch = req.method === "PATCH";
      const task = wx.request({
        url: req.url,
        method: patch ? "POST" : req.method,
        header: patch ? { ...req.headers, "x-http-method-override": "PATCH" } : req.headers,
        data: req.body,
        dataType: "text",
        responseType: req.responseType === "blob" ? "arraybuffer" : "text",
        success: (res) => {
          const headers = new Map(Object.entries(res.header ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
          resolve({ status: res.statusCode, headers: { get: (name) => headers.get(name.toLowerCase()) ?? null }, body: res.data });
        },
        fail: (err) => reject(new ConnectionError(err?.errMsg || "wx.request failed")),
      });
      req.signal?.addEventListener("abort", () => task.abort());
    });
}
