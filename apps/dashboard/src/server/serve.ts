import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DashboardConfig } from "../app/config-shape.js";
import { proxyRequest } from "./proxy.js";
import { serveStatic } from "./static-files.js";

/** Where the page's API calls go: the dashboard's own origin, proxied to the server shown. */
export const API_PREFIX = "/api";

export interface DashboardServerOptions {
  port: number;
  host: string;
  /** The built app (vite build's output). */
  distDir: string;
  /** The server shown. */
  upstream: string;
  /** The key offered to the page; the page may use another. */
  apiKey?: string;
  /** Whether the server shown is the mock this process started (the page says so). */
  mock: boolean;
}

export interface DashboardServer {
  url: string;
  close(): Promise<void>;
}

/** The dashboard's HTTP server: the built app, its configuration, and the API behind a proxy. */
export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const config: DashboardConfig = { apiBase: API_PREFIX, apiKey: options.apiKey ?? "", server: options.upstream, mock: options.mock };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://dashboard");
    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
      return proxyRequest(options.upstream, url.pathname.slice(API_PREFIX.length) + url.search, request, response);
    }
    if (request.method !== "GET" && request.method !== "HEAD") return void response.writeHead(405, { allow: "GET, HEAD" }).end();
    if (url.pathname === "/config.json") {
      return void response.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(config));
    }
    serveStatic(options.distDir, url.pathname, response).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(error.message);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
