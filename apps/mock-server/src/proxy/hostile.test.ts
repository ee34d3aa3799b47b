import { document, listOperations } from "@agent-analytics/contract";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestLog } from "../log/request-log.js";
import type { RunningMock } from "../server.js";
import { AUTH, call, startTestMock } from "../test-support/mock-fixture.js";
import { startProxyServer, type RunningProxy } from "./proxy-server.js";

/**
 * Random bad requests through the proxy in front of the mock (which honours the contract): the
 * proxy never answers 5xx, and finds no violation, since the contract's pipeline refuses these
 * requests in the proxy exactly as in the mock. The mock's own controls (`Prefer`, `__` parameters)
 * are left out: they are not the contract's.
 */
let mock: RunningMock;
let proxy: RunningProxy;
const lines: string[] = [];
const log = new RequestLog("warn", "text", { write: (text) => lines.push(text) });
beforeAll(async () => {
  mock = await startTestMock();
  proxy = await startProxyServer({ upstream: mock.url, port: 0, log });
});
afterAll(async () => {
  await proxy.close();
  await mock.close();
});

const operations = listOperations(document);
const noise = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", "-1", "0", "1e309", "NaN", "null", "2026-02-30", "9999-12-31T23:59:59Z", "%", "__proto__", "a".repeat(300)),
  fc.integer().map(String),
);
const paramNames = [...new Set(operations.flatMap((op) => op.parameters.map((p) => p.name)))];
const bodies = fc.oneof(fc.constant(undefined), fc.json({ maxDepth: 3 }), fc.string({ maxLength: 40 }));

describe("hostile requests through the proxy", () => {
  it("never give a 5xx, and the contract's answers to them are no violation", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.constantFrom("GET", "POST", "PUT", "DELETE"),
        fc.array(fc.tuple(fc.constantFrom(...paramNames, "x"), noise), { maxLength: 5 }),
        fc.array(noise, { maxLength: 2 }),
        bodies,
        fc.boolean(),
        async (operation, method, query, pathValues, body, authorized) => {
          let i = 0;
          const path = operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(pathValues[i++] ?? "x") || "x");
          const search = new URLSearchParams(query).toString();
          const headers: Record<string, string> = authorized ? { ...AUTH } : {};
          if (typeof body === "string") headers["content-type"] = "application/json";
          const reply = await call(proxy.url, `${path}${search ? `?${search}` : ""}`, { method, headers, body: method === "GET" ? undefined : (body as string | undefined) });
          expect(reply.status, `${method} ${path}?${search} -> ${reply.text}`).toBeLessThan(500);
        },
      ),
      { numRuns: 200, seed: 4011 },
    );
    log.flush();
    expect(lines.join(""), "violations logged").toBe("");
    expect(proxy.report.requests).toBeGreaterThanOrEqual(200);
    expect(proxy.report.violations).toBe(0);
  }, 120_000);

  it.each(["/%", "/metrics/%E0%A4%A", "//", "/agents//runs", "/agents/%2F/runs/%00", "/" + "a/".repeat(500)])("survives the path %s", async (path) => {
    expect((await call(proxy.url, path, { headers: AUTH })).status).toBeLessThan(500);
  });
});
