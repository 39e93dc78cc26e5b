import http from "node:http";

export interface Received {
  headers: Record<string, string>;
  body: string;
}

/**
 * An agency's webhook endpoint on loopback, for the workerd suite: it answers 204 to every POST
 * and lists what it received at GET /received, so a test inside workerd can look.
 */
export async function startWebhookReceiver(): Promise<{ url: string; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/received") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
      return;
    }
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
