import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A proxy in front of a server that plants one defect: GET /analytics/rolling fails (500) when
 * `window` is between 40 and 60, valid values that no listed edge (1, 90) is. The drawn cases must
 * find it, and shrinking must bring it down to the smallest failing request (window=40).
 */
export async function startPlantedProxy(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://proxy");
    if (url.pathname === "/analytics/rolling" && Number(url.searchParams.get("window")) >= 40 && Number(url.searchParams.get("window")) <= 60) {
      res.writeHead(500, { "content-type": "text/plain" }).end("planted");
      return;
    }
    const forwarded = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forwarded.on("error", () => res.writeHead(502).end());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
