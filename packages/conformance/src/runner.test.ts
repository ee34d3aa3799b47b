import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { runCliToExit } from "@agent-analytics/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConformanceStartError } from "./errors.js";
import { toHtml } from "./reports/html.js";
import { toJUnit } from "./reports/junit.js";
import { runConformance } from "./runner.js";
import type { ConformanceResult } from "./types.js";

const BIN = fileURLToPath(new URL("../bin/agent-analytics-conformance.js", import.meta.url));

/** A broken server: every request is a 500 with a plain-text body. */
let broken: Server;
let brokenUrl: string;
/** A port nothing listens on. */
let closedUrl: string;

beforeAll(async () => {
  broken = createServer((_req, res) => res.writeHead(500, { "content-type": "text/plain" }).end("boom"));
  await new Promise<void>((resolve) => broken.listen(0, "127.0.0.1", resolve));
  brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => new Promise((resolve) => broken.close(resolve)));

describe("runConformance", () => {
  it.each([
    [{ baseUrl: "not a url", token: "k" }, "--base-url must be an http(s) URL"],
    [{ baseUrl: "http://127.0.0.1:1", token: "" }, "--token is required"],
    [{ baseUrl: "http://127.0.0.1:1", token: "k", classes: ["billing"] }, "unknown class(es) billing"],
    [{ baseUrl: "http://127.0.0.1:1", token: "k", level: "strict" as never }, "--level must be source or contract"],
    // Roles need a key that may not write and one that may: claimed without the second, it cannot be checked.
    [{ baseUrl: "http://127.0.0.1:1", token: "k", classes: ["ingest", "roles"] }, "the roles class needs a --token whose role may not write (a member's) and --write-token"],
    [{ baseUrl: "http://127.0.0.1:1", token: "k", writeTokenB: "w" }, "--write-token-b needs --token-b"],
  ])("refuses to start with %j", async (options, message) => {
    await expect(runConformance(options)).rejects.toThrow(message);
  });

  it("refuses to start when the server cannot be reached", async () => {
    await expect(runConformance({ baseUrl: closedUrl, token: "k" })).rejects.toBeInstanceOf(ConformanceStartError);
  });

  describe("against a server that fails every request", () => {
    let result: ConformanceResult;
    beforeAll(async () => {
      result = await runConformance({ baseUrl: brokenUrl, token: "k", classes: ["dashboard"] });
    });
    const requirement = (id: string) => result.classes.flatMap((c) => c.requirements).find((r) => r.id === id)!;

    it("fails the claimed class and skips the others", () => {
      expect(result.passed).toBe(false);
      expect(result.classes.map((c) => [c.id, c.claimed, c.status])).toEqual([
        ["agentos", false, "skip"], ["agents", false, "skip"], ["analytics", false, "skip"], ["dashboard", true, "fail"], ["ingest", false, "skip"], ["figures", false, "skip"], ["isolation", false, "skip"], ["roles", false, "skip"],
      ]);
      expect(result.requestCount).toBeGreaterThan(10);
    });
    it.each(["dashboard.getDashboardStats.not-a-server-error", "dashboard.getDashboardStats.content-type", "dashboard.getDashboardStats.auth-missing", "dashboard.getDashboardStats.bounds"])("fails %s with a replayable request", (id) => {
      const r = requirement(id);
      expect(r.status).toBe("fail");
      expect(r.failures[0]!.response?.status).toBe(500);
      expect(r.failures[0]!.curl).toMatch(/^curl -i -X GET 'http:\/\/127\.0\.0\.1:\d+\/api\/dashboard\/getStats\?/);
    });
    it("skips the figures, which are not claimed, with the reason", () => {
      expect(requirement("figures.getDashboardStats.figures")).toMatchObject({ status: "skip", required: false, reason: "class figures is not claimed" });
    });
    it("ends on a line with every count", async () => {
      const { summaryLine } = await import("./reports/text.js");
      expect(summaryLine(result)).toMatch(/^FAILED at level contract, seed \d+: \d+ passed, [1-9]\d* failed, [1-9]\d* skipped \(not claimed or not selected\)/);
    });
    it("reports it as HTML that opens on a summary, failures first, linked to the contract text", () => {
      const html = toHtml(result);
      expect(html.indexOf("<h2>Summary</h2>")).toBeLessThan(html.indexOf("<h2>Requirements, failures first</h2>"));
      const firstRow = html.slice(html.indexOf('<table id="all">'));
      expect(firstRow).toMatch(/^<table id="all"><tr class="fail"/);
      expect(html).toMatch(/<a href="#ref-\d+">#\/paths\/~1api~1dashboard~1getStats\/get/);
      expect(html).toContain(`seed <code>${result.meta.seed}</code>`);
    });
    it("reports it as JUnit", () => {
      const xml = toJUnit(result);
      expect(xml).toMatch(/<testcase classname="dashboard" name="dashboard.getDashboardStats.not-a-server-error" time="\d+\.\d{3}">/);
      expect(xml).toContain(`<property name="seed" value="${result.meta.seed}"/>`);
      expect(xml).toContain("<failure message=");
    });
  });
});

describe("a claimed class the kit cannot check", () => {
  it("fails, saying why, instead of skipping: figures without ingest", async () => {
    const result = await runConformance({ baseUrl: brokenUrl, token: "k", classes: ["dashboard", "figures"], maxExamples: 1 });
    const figures = result.classes.find((c) => c.id === "figures")!;
    expect(figures.status).toBe("fail");
    const r = figures.requirements.find((q) => q.id === "figures.getDashboardStats.figures")!;
    expect(r).toMatchObject({ status: "fail", required: true, reason: expect.stringContaining("could not be checked: exact figures need the ingest class claimed") });
    // Figures of modules not claimed are outside the claim: skipped, and saying so.
    expect(figures.requirements.find((q) => q.id === "figures.getAgentStats.figures")).toMatchObject({ status: "skip", required: false, reason: expect.stringContaining("agents") });
  });
});

describe("the token preflight", () => {
  let rejecting: Server;
  let url: string;
  beforeAll(async () => {
    rejecting = createServer((_req, res) => res.writeHead(401, { "content-type": "application/json" }).end('{"success":false,"error":"bad key"}'));
    await new Promise<void>((resolve) => rejecting.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(rejecting.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => rejecting.close(resolve)));

  it("stops the run with one clear message when the server rejects the token", async () => {
    await expect(runConformance({ baseUrl: url, token: "wrong" })).rejects.toThrow("the server rejected the token (401)");
    const exit = await runCliToExit(BIN, ["--base-url", url, "--token", "wrong"]);
    expect(exit.code).toBe(2);
  }, 30_000);
});

describe("the CLI", () => {
  it.each([
    [["--help"], 0],
    [["--base-url", "http://127.0.0.1:1"], 2],
    [["--base-url", "CLOSED", "--token", "k"], 2],
    [["--base-url", "BROKEN", "--token", "k", "--classes", "dashboard"], 1],
  ])("%j exits %d", async (argv, code) => {
    const args = argv.map((a) => (a === "CLOSED" ? closedUrl : a === "BROKEN" ? brokenUrl : a));
    expect((await runCliToExit(BIN, args)).code).toBe(code);
  }, 30_000);
});

describe("a server that stops answering", () => {
  let silent: Server;
  let url: string;
  beforeAll(async () => {
    // Answers the reachability check, then never again.
    let first = true;
    silent = createServer((_req, res) => {
      if (first) {
        first = false;
        res.end();
      }
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    silent.closeAllConnections();
    return new Promise((resolve) => silent.close(resolve));
  });

  it("costs three timeouts, not one per request", async () => {
    const started = Date.now();
    const result = await runConformance({ baseUrl: url, token: "k", classes: ["analytics"], timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.passed).toBe(false);
    const r = result.classes.find((c) => c.id === "analytics")!.requirements.find((q) => q.id === "analytics.getAnalyticsOverview.not-a-server-error")!;
    expect(r.status).toBe("fail");
    expect(r.failures.some((f) => f.message.includes("no response"))).toBe(true);
  });
});
