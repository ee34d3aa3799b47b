import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { document } from "@agent-analytics/spec";
import { buildCatalog } from "./catalog.js";
import { failureLines } from "./reports/text.js";
import { runConformance } from "./runner.js";
import { MOCK_SERVER, startReferenceServer, startServer, type RunningServer, type Storage } from "./test-support/child-server.js";
import type { ConformanceResult, RequirementResult } from "./types.js";

/**
 * The kit against the project's own servers, started through their CLIs. Each requirement of the
 * catalog is one Vitest test, so a regression names the requirement that broke.
 */
const catalog = buildCatalog(document);

function explain(r: RequirementResult | undefined): string {
  if (!r) return "not reported";
  return [`${r.id}: ${r.status}${r.reason ? ` - ${r.reason}` : ""}`, ...r.failures.flatMap(failureLines)].join("\n");
}

function find(result: ConformanceResult | undefined, id: string): RequirementResult | undefined {
  return result?.classes.flatMap((c) => c.requirements).find((r) => r.id === id);
}

function referenceSuite(name: string, storage: () => Storage) {
  describe(`reference server, ${name}`, () => {
    let server: (RunningServer & { token: string; tokenB: string }) | undefined;
    let result: ConformanceResult | undefined;
    beforeAll(async () => {
      server = await startReferenceServer(storage());
      result = await runConformance({ baseUrl: server.url, token: server.token, tokenB: server.tokenB });
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    });

    it("passes every class, isolation included, within 15 s", () => {
      expect(result?.passed).toBe(true);
      expect(result!.classes.every((c) => c.claimed)).toBe(true);
      expect(result!.durationMs).toBeLessThan(15_000);
    });
    it.each(catalog.map((r) => r.id))("%s passes", (id) => {
      const r = find(result, id);
      expect(r?.status, explain(r)).toBe("pass");
    });
  });
}

const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

referenceSuite("embedded PGlite", () => {
  const dir = mkdtempSync(join(tmpdir(), "conformance-pglite-"));
  dataDirs.push(dir);
  return { dataDir: dir };
});

// CI sets DATABASE_URL: then an unreachable database fails the suite, it is never skipped.
describe.runIf(process.env.DATABASE_URL)("with DATABASE_URL", () => {
  referenceSuite("PostgreSQL", () => ({ databaseUrl: process.env.DATABASE_URL!, schema: `conformance_${Date.now().toString(36)}` }));
});

/**
 * The mock keeps no state: it accepts any key and knows every id, so the requirements that need
 * stored keys or records cannot hold there. Every other requirement of the modules it serves must.
 */
const NEEDS_STORED_DATA = new Set(["auth-wrong", "not-found"]);

/**
 * Known defects of the mock, reported to its maintainers: it validates each parameter against its
 * schema but not the contract's rules across parameters (reversed or over-long ranges, `userId`
 * without `allInOrg`). Listed here as expected failures: when one is fixed, its test says so.
 */
const MOCK_GAPS = new Set([
  "dashboard.getDashboardStats.bounds",
  "analytics.getAnalyticsMetrics.bounds",
  "analytics.listAnalyticsEvents.bounds",
  "analytics.getAnalyticsAssistants.bounds",
  "analytics.getAnalyticsTopUsers.bounds",
  "analytics.getAnalyticsSnapshots.bounds",
]);

describe("mock server (stateless: every class but ingest and isolation)", () => {
  let server: RunningServer | undefined;
  let result: ConformanceResult | undefined;
  const classes = ["agents", "agentos", "dashboard", "analytics"];
  beforeAll(async () => {
    server = await startServer(MOCK_SERVER, ["--port", "0"]);
    result = await runConformance({ baseUrl: server.url, token: "any-key", classes, agentId: "agent_mock", runId: "run_mock" });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const claimed = catalog.filter((r) => classes.includes(r.class));
  it.each(claimed.map((r) => r.id))("%s", (id) => {
    const r = find(result, id);
    const check = id.split(".").pop()!;
    if (check === "figures") expect(r?.status, explain(r)).toBe("skip");
    else if (NEEDS_STORED_DATA.has(check) || MOCK_GAPS.has(id)) expect(r?.status, explain(r)).toBe("fail");
    else expect(r?.status, explain(r)).toBe("pass");
  });
});
