import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestLog } from "../log/request-log.js";
import type { RunningMock } from "../server.js";
import { editJson, startDefectUpstream, type Bend } from "../test-support/defect-upstream.js";
import { MockEngine } from "../engine.js";
import { AUTH, call, startTestMock, TEST_NOW } from "../test-support/mock-fixture.js";
import { startProxyServer, type RunningProxy } from "./proxy-server.js";
import { VIOLATIONS_HEADER } from "./violation-reply.js";

/** A log that keeps its lines (JSON), for the test to read. */
function memoryLog() {
  const lines: string[] = [];
  const log = new RequestLog("info", "json", { write: (text) => lines.push(...text.trimEnd().split("\n")) });
  const records = () => {
    log.flush();
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  };
  return { log, records };
}

const untouched: Bend = (_m, _u, answer) => answer;

/** Planted defects, each in the answer to one request, with the check and pointer that must name it. */
const DEFECTS: { name: string; path: string; headers?: Record<string, string>; bend: Bend; operation: string; check: string; pointer: string }[] = [
  {
    name: "an undocumented status",
    path: "/metrics",
    bend: (_m, url, a) => (url.pathname === "/metrics" ? { ...a, status: 418 } : a),
    operation: "get_metrics",
    check: "status-code",
    pointer: "",
  },
  {
    name: "a field of the wrong type",
    path: "/api/dashboard/getStats?from=2026-02-01T00:00:00.000Z&to=2026-02-28T23:59:59.999Z&allInOrg=true",
    bend: (_m, url, a) => (url.pathname === "/api/dashboard/getStats" ? editJson(a, (b) => void (b.conversationCount = String(b.conversationCount))) : a),
    operation: "getDashboardStats",
    check: "response-schema",
    pointer: "/conversationCount",
  },
  {
    name: "an error body not in the module's format",
    path: "/agents/agent_support/stats",
    headers: {},
    bend: (_m, url, a) => (url.pathname.endsWith("/stats") && a.status === 401 ? { ...a, body: JSON.stringify({ error: "unauthorized" }) } : a),
    operation: "getAgentStats",
    check: "error-format",
    pointer: "",
  },
  {
    name: "a request the contract refuses, served",
    path: "/analytics/overview?period=fortnight",
    bend: (_m, url, a) => (url.pathname === "/analytics/overview" && a.status >= 400 ? { ...a, status: 200 } : a),
    operation: "getAnalyticsOverview",
    check: "request-rejection",
    pointer: "",
  },
  {
    name: "an undocumented content type",
    path: "/analytics/snapshots?startDate=2026-02-01&endDate=2026-02-28",
    bend: (_m, url, a) => (url.pathname === "/analytics/snapshots" ? { ...a, headers: { ...a.headers, "content-type": "text/plain" } } : a),
    operation: "getAnalyticsSnapshots",
    check: "content-type",
    pointer: "",
  },
  {
    name: "a total that is not the sum of its parts",
    path: "/analytics/overview?period=week",
    bend: (_m, url, a) => (url.pathname === "/analytics/overview" && a.status === 200 ? editJson(a, (b) => void ((b.data as { events: { total: number } }).events.total += 1)) : a),
    operation: "getAnalyticsOverview",
    check: "invariants",
    pointer: "/data/events",
  },
  {
    name: "a declared header left out",
    path: "/analytics/users/top?startDate=2026-02-01&endDate=2026-02-28&limit=5",
    bend: (_m, url, a) => {
      if (url.pathname !== "/analytics/users/top") return a;
      const headers = { ...a.headers };
      delete headers["applied-limit"];
      return { ...a, headers };
    },
    operation: "getAnalyticsTopUsers",
    check: "headers",
    pointer: "",
  },
];

let mock: RunningMock;
let bend: Bend = untouched;
let upstream: { url: string; close(): Promise<void> };
const dir = mkdtempSync(join(tmpdir(), "proxy-test-"));

beforeAll(async () => {
  mock = await startTestMock();
  upstream = await startDefectUpstream(mock.url, () => bend);
});
afterAll(async () => {
  await upstream.close();
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

async function withProxy<T>(options: { errors?: boolean; reportFile?: string }, run: (proxy: RunningProxy, records: () => Record<string, unknown>[]) => Promise<T>): Promise<T> {
  const { log, records } = memoryLog();
  const proxy = await startProxyServer({ upstream: upstream.url, port: 0, log, ...options });
  try {
    return await run(proxy, records);
  } finally {
    await proxy.close();
  }
}

describe("the validating proxy", () => {
  it("passes a correct upstream's answers through untouched, with no violation", async () => {
    bend = untouched;
    const paths = [...new Set(DEFECTS.map((d) => d.path)), "/agents/agent_support/runs?limit=5", "/metrics/refresh/status", "/nowhere"];
    await withProxy({}, async (proxy, records) => {
      const statuses: number[] = [];
      for (const path of paths) {
        const direct = await call(mock.url, path, { headers: AUTH });
        statuses.push(direct.status);
        const through = await call(proxy.url, path, { headers: AUTH });
        expect(through.status, path).toBe(direct.status);
        expect(through.text, path).toBe(direct.text);
        expect(through.headers.get(VIOLATIONS_HEADER), path).toBeNull();
      }
      const logged = records();
      expect(logged.filter((r) => r.msg === "violation")).toEqual([]);
      // One line per request, with the 4xx's reason.
      expect(logged.filter((r) => r.msg === "request").map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(
        paths.map((p, i) => `GET ${p.split("?")[0]} ${statuses[i]}`),
      );
      expect(statuses.filter((s) => s >= 400).length, JSON.stringify(statuses)).toBe(2);
      expect(logged.filter((r) => r.msg === "request" && (r.status as number) >= 400).every((r) => typeof r.reason === "string")).toBe(true);
    });
  });

  it.each(DEFECTS.map((d) => [d.name, d] as const))("logs %s with its operation, check and pointer, and lists it in the header", async (_name, defect) => {
    bend = defect.bend;
    await withProxy({}, async (proxy, records) => {
      const reply = await call(proxy.url, defect.path, { headers: defect.headers ?? AUTH });
      const violations = records().filter((r) => r.msg === "violation");
      expect(violations.map((v) => [v.operation, v.check, v.pointer])).toContainEqual([defect.operation, defect.check, defect.pointer]);
      expect(violations.every((v) => typeof v.message === "string" && v.message !== "")).toBe(true);
      const header = JSON.parse(reply.headers.get(VIOLATIONS_HEADER) ?? "[]") as { code: string; operation: string }[];
      expect(header.map((h) => h.code)).toContain(defect.check);
      expect(reply.status).not.toBe(502);
    });
  });

  it("with errors, answers each broken response with a 502 problem listing its violations, and writes the report", async () => {
    const reportFile = join(dir, "report.json");
    await withProxy({ errors: true, reportFile }, async (proxy) => {
      for (const defect of DEFECTS) {
        bend = defect.bend;
        const reply = await call(proxy.url, defect.path, { headers: defect.headers ?? AUTH });
        expect(reply.status, defect.name).toBe(502);
        expect(reply.headers.get("content-type")).toBe("application/problem+json");
        const body = reply.json as { status: number; violations: { check: string; operation: string }[] };
        expect(body.status).toBe(502);
        expect(body.violations.map((v) => v.check)).toContain(defect.check);
      }
      bend = untouched;
      expect((await call(proxy.url, "/analytics/overview?period=week", { headers: AUTH })).status).toBe(200);
    });
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as { requests: number; responsesWithViolations: number; byCheck: Record<string, number> };
    expect(report.requests).toBe(DEFECTS.length + 1);
    expect(report.responsesWithViolations).toBe(DEFECTS.length);
    for (const defect of DEFECTS) expect(report.byCheck[defect.check], defect.check).toBeGreaterThan(0);
  });

  it("with a mock fallback, answers from the mock's world what the upstream does not implement or cannot answer", async () => {
    bend = (_m, url, a) => (url.pathname === "/metrics" ? { status: 501, headers: { "content-type": "application/json" }, body: "{}" } : a);
    const { log, records } = memoryLog();
    const engine = new MockEngine({ now: TEST_NOW });
    const proxy = await startProxyServer({ upstream: upstream.url, port: 0, log, fallback: engine });
    const gone = await startProxyServer({ upstream: "http://127.0.0.1:9", port: 0, log: new RequestLog("silent"), fallback: engine });
    try {
      const direct = await call(mock.url, "/metrics", { headers: AUTH });
      const through = await call(proxy.url, "/metrics", { headers: AUTH });
      expect(through.status).toBe(200);
      expect(through.text).toBe(direct.text);
      expect(through.headers.get(VIOLATIONS_HEADER)).toBeNull();
      expect(records().map((r) => r.msg)).toContain("GET /metrics: upstream answered 501; answered by the mock");
      expect((await call(gone.url, "/agents/agent_support/stats", { headers: AUTH })).status).toBe(200);
    } finally {
      await proxy.close();
      await gone.close();
    }
  });

  it("answers 502 when the upstream does not answer, and the preflight itself", async () => {
    const { log } = memoryLog();
    const proxy = await startProxyServer({ upstream: "http://127.0.0.1:9", port: 0, log });
    try {
      const reply = await call(proxy.url, "/metrics", { headers: AUTH });
      expect(reply.status).toBe(502);
      expect((reply.json as { detail: string }).detail).toMatch(/did not answer/);
      const preflight = await fetch(`${proxy.url}/metrics`, { method: "OPTIONS", headers: { origin: "http://app.test", "access-control-request-method": "GET" } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("http://app.test");
    } finally {
      await proxy.close();
    }
  });
});
