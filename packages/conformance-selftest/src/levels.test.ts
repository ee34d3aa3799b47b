import { runConformance, type ConformanceResult, type RequirementResult } from "@agent-analytics/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProxy, type RunningProxy } from "./proxy.js";
import { startReferenceServer, type ReferenceServer } from "./reference-server.js";
import { seedFaithful } from "./seed-faithful.js";

let server: ReferenceServer;
let proxy: RunningProxy;
const results: Partial<Record<"source" | "contract", ConformanceResult>> = {};
const CLASSES = ["agents", "agentos", "dashboard", "ingest"];

beforeAll(async () => {
  server = await startReferenceServer();
  proxy = await startProxy(server.url, seedFaithful, { tokenA: server.tokenA, state: new Map() });
  // Each run loads its own records under its own prefix, so one server serves both.
  for (const level of ["contract", "source"] as const) results[level] = await runConformance({ baseUrl: proxy.url, token: server.tokenA, classes: CLASSES, level });
}, 240_000);
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

const all = (result: ConformanceResult | undefined): RequirementResult[] => result!.classes.flatMap((c) => c.requirements);
const byStatus = (result: ConformanceResult | undefined, status: string) => all(result).filter((r) => r.status === status);
const decisionsOf = (requirements: RequirementResult[], key: "failures" | "warnings") => new Set(requirements.flatMap((r) => r[key].flatMap((f) => f.decisions ?? [])));

describe("conformance levels against a seed-faithful server (token_metrics of three counters, runs without error: null, dashboard errors as { message })", () => {
  it("fails at level contract, naming the decisions it does not follow", () => {
    const failed = byStatus(results.contract, "fail");
    expect(results.contract!.passed).toBe(false);
    expect(failed.map((r) => r.id)).toEqual(expect.arrayContaining(["agentos.get_metrics.response-schema", "agents.listAgentRuns.response-schema"]));
    expect([...decisionsOf(failed, "failures")]).toEqual(expect.arrayContaining(["agentos-token-counters", "agents-fields-present", "dashboard-error-body"]));
    // Every failure is one of the contract's decisions: nothing the sources document is broken.
    expect(failed.flatMap((r) => r.failures).filter((f) => !f.decisions?.length).map((f) => f.message)).toEqual([]);
  });

  it("passes at level source, with each contract-only failure a warning naming its decision", () => {
    const result = results.source!;
    const warned = byStatus(result, "warn");
    expect(byStatus(result, "fail").map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(warned.map((r) => r.id).sort()).toEqual(byStatus(results.contract, "fail").map((r) => r.id).sort());
    expect([...decisionsOf(warned, "warnings")]).toEqual(expect.arrayContaining(["agentos-token-counters", "agents-fields-present", "dashboard-error-body"]));
    const tokens = warned.find((r) => r.id === "agentos.get_metrics.response-schema")!;
    expect(tokens.reason).toContain("agentos-token-counters");
    expect(tokens.warnings[0]!.provenance).toEqual([expect.stringContaining("contract decision agentos-token-counters")]);
  });
});
