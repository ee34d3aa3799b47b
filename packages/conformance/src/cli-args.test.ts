import { describe, expect, it } from "vitest";
import { parseCli } from "./cli-args.js";
import { ConformanceStartError } from "./errors.js";

describe("parseCli", () => {
  it("reads every option, ignoring the -- pnpm passes through", () => {
    const cli = parseCli(["--", "--base-url", "http://h:1", "--token", "k", "--api-key", "a", "--token-b", "b", "--write-token", "w", "--write-token-b", "wb", "--classes", "agents, ingest", "--agent-id", "ag", "--run-id", "r", "--timeout", "500", "--level", "source", "--report-junit", "j.xml", "--report-json", "r.json", "--report-html", "r.html"]);
    expect(cli.run).toEqual({ baseUrl: "http://h:1", token: "k", apiKey: "a", tokenB: "b", writeToken: "w", writeTokenB: "wb", classes: ["agents", "ingest"], agentId: "ag", runId: "r", timeoutMs: 500, level: "source" });
    expect(cli.reports).toEqual({ junit: "j.xml", json: "r.json", html: "r.html" });
  });
  it("reads the options that make a run reproducible and narrow", () => {
    const cli = parseCli(["--base-url", "http://h", "--token", "k", "--seed", "42", "--max-examples", "7", "--operation", "getAgentStats,listAgentRuns", "--operation", "getAgentRun", "--check", "generated-valid", "--exclude-check", "figures", "-H", "X-Tenant: a", "--header", "X-Trace:1"]);
    expect(cli.run).toMatchObject({
      seed: 42,
      maxExamples: 7,
      operations: ["getAgentStats", "listAgentRuns", "getAgentRun"],
      checks: ["generated-valid"],
      excludeChecks: ["figures"],
      headers: { "X-Tenant": "a", "X-Trace": "1" },
    });
  });
  it.each([
    [["--base-url", "http://h", "--token", "k", "--seed", "one"], "--seed must be an integer"],
    [["--base-url", "http://h", "--token", "k", "--max-examples=-1"], "--max-examples must be a non-negative integer"],
    [["--base-url", "http://h", "--token", "k", "-H", "no colon"], "-H must be 'Name: value'"],
    [["--token", "k"], "--base-url is required"],
    [["--base-url", "http://h"], "--token is required"],
    [["--base-url", "http://h", "--token", "k", "--timeout", "soon"], "--timeout must be a positive number of milliseconds"],
    [["--base-url", "http://h", "--token", "k", "--colour"], "Unknown option '--colour'"],
    [["--base-url", "http://h", "--token", "k", "--level", "strict"], "--level must be source or contract"],
  ])("rejects %j", (argv, message) => {
    expect(() => parseCli(argv)).toThrow(ConformanceStartError);
    expect(() => parseCli(argv)).toThrow(message);
  });
});
