import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboardServer, type DashboardServer } from "./serve.js";

// The dashboard's server in process, in front of a tiny upstream that echoes what it received.
let upstream: Server;
let upstreamUrl: string;
let dashboard: DashboardServer;
const dist = mkdtempSync(join(tmpdir(), "dashboard-dist-"));

beforeAll(async () => {
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>t</title>");
  writeFileSync(join(dist, "assets", "app-123.js"), "export {}");
  writeFileSync(join(dist, "..", "secret-outside-dist.txt"), "secret");
  upstream = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      res.writeHead(req.url?.startsWith("/limited") ? 429 : 200, { "content-type": "application/json", "retry-after": "2" });
      res.end(JSON.stringify({ method: req.method, url: req.url, authorization: req.headers.authorization, prefer: req.headers.prefer, body }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  dashboard = await startDashboardServer({ port: 0, host: "127.0.0.1", distDir: dist, upstream: upstreamUrl, apiKey: "k", mock: false });
});
afterAll(async () => {
  await dashboard?.close();
  await new Promise((resolve) => upstream.close(resolve));
  rmSync(dist, { recursive: true, force: true });
  rmSync(join(dist, "..", "secret-outside-dist.txt"), { force: true });
});

/** A raw request, so paths reach the server as written (fetch would normalise `..`). */
function raw(path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(dashboard.url);
    request({ hostname, port, path }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    })
      .on("error", reject)
      .end();
  });
}

describe("the dashboard's server", () => {
  it("proxies /api/* to the server shown: method, path, query, credentials, Prefer and body; status and headers back", async () => {
    const response = await fetch(`${dashboard.url}/api/ingest/batch?x=1`, {
      method: "POST",
      headers: { authorization: "Bearer k", prefer: "delay=10", "content-type": "application/json" },
      body: '{"agents":[]}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ method: "POST", url: "/ingest/batch?x=1", authorization: "Bearer k", prefer: "delay=10", body: '{"agents":[]}' });
    const limited = await fetch(`${dashboard.url}/api/limited`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
  });

  it("tells the page where the API is and which key it was given", async () => {
    expect(await (await fetch(`${dashboard.url}/config.json`)).json()).toEqual({ apiBase: "/api", apiKey: "k", server: upstreamUrl, mock: false });
  });

  it.each([
    ["/", 200, "<!doctype html><title>t</title>"],
    ["/assets/app-123.js", 200, "export {}"],
    ["/missing.js", 404, "not found"],
    ["/../secret-outside-dist.txt", 404, "not found"],
    ["/assets/../../secret-outside-dist.txt", 404, "not found"],
    ["/%2e%2e/secret-outside-dist.txt", 404, "not found"],
    ["/..%2Fsecret-outside-dist.txt", 404, "not found"],
    ["/assets/..%2F..%2Fsecret-outside-dist.txt", 404, "not found"],
    ["/%E0%A4%A", 400, "bad path"],
  ])("GET %s: %i", async (path, status, body) => {
    const response = await raw(path);
    expect(response.status).toBe(status);
    expect(response.body).toBe(body);
  });

  it("caches hashed assets for good, the page never", async () => {
    expect((await raw("/assets/app-123.js")).headers["cache-control"]).toContain("immutable");
    expect((await raw("/")).headers["cache-control"]).toBe("no-cache");
  });

  it("answers 502 in JSON when the server shown cannot be reached", async () => {
    const orphan = await startDashboardServer({ port: 0, host: "127.0.0.1", distDir: dist, upstream: "http://127.0.0.1:1", mock: false });
    try {
      const response = await fetch(`${orphan.url}/api/agents/a/stats`);
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: "bad_gateway", message: expect.stringContaining("http://127.0.0.1:1 cannot be reached") });
    } finally {
      await orphan.close();
    }
  });
});
