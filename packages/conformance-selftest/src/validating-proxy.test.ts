import { runConformance } from "@agent-analytics/conformance";
import { resolveBin, spawnServer, type SpawnedServer } from "@agent-analytics/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defects } from "./defects/index.js";
import { startProxy, type Defect, type RunningProxy } from "./proxy.js";
import { startReferenceServer, type ReferenceServer } from "./reference-server.js";

/**
 * The mock package's validating proxy (`agent-analytics-mock proxy`) in front of the reference
 * server, with the planted defects bent into its answers: the conformance kit run through it on a
 * clean server makes it log no violation, and each defect that shows in a response is logged with
 * the proxy's check for it.
 */
const CHECK_OF: Record<string, string> = {
  "no-credentials-needed": "request-rejection",
  "server-error-on-bad-input": "request-rejection",
  "total-not-sum-of-parts": "invariants",
  "ignored-date-range": "invariants",
  "ignored-limit": "invariants",
  "wrong-envelope": "response-schema",
  "missing-required-field": "response-schema",
  "wrong-type": "response-schema",
  "wrong-content-type": "content-type",
  // Every module documents a 500 in its own JSON format, so the proxy sees these plain-text 500s by
  // their content type; "never a 5xx on hostile input" is the kit's rule, which needs no response shape.
  "server-error-on-hostile-string": "content-type",
  "server-error-on-date-edge": "content-type",
  "server-error-on-malformed-json": "request-rejection",
};
/**
 * Defects no single response shows: wrong figures, a second ingest, another organisation's data,
 * a relation between two operations, a refused key form and a write served to a member (the proxy
 * does not know whether a key is valid, or whose it is).
 */
const NOT_IN_ONE_RESPONSE = ["wrong-figure", "non-idempotent-ingest", "leak-across-organisations", "offset-on-relative-window", "relation-break", "ignores-x-api-key", "member-may-write"];

let server: ReferenceServer;
let bent: RunningProxy;
let validating: SpawnedServer;
let refusing: SpawnedServer;
let current: Defect | undefined;

beforeAll(async () => {
  server = await startReferenceServer();
  const context = { tokenA: server.tokenA, tokenB: server.tokenB, state: new Map<string, unknown>() };
  // One bending proxy whose defect each test chooses.
  bent = await startProxy(server.url, { request: (req, ctx) => current?.request?.(req, ctx) ?? req, response: (res, req, ctx) => current?.response?.(res, req, ctx) ?? res }, context);
  const mock = resolveBin("@agent-analytics/mock-server", import.meta.url);
  validating = await spawnServer(mock, ["proxy", bent.url, "--port", "0", "--log-format", "json", "--log-level", "warn"]);
  refusing = await spawnServer(mock, ["proxy", bent.url, "--port", "0", "--errors", "--log-level", "silent"]);
}, 120_000);

afterAll(async () => {
  await refusing?.stop();
  await validating?.stop();
  await bent?.close();
  await server?.stop();
});

/** The violations the proxy logged while `run` ran (its log is JSON lines on stdout). */
async function violationsDuring(run: () => Promise<unknown>): Promise<{ operation: string; check: string; pointer: string; message: string }[]> {
  const mark = validating.output().length;
  await run();
  await new Promise((resolve) => setTimeout(resolve, 200));
  return validating
    .output()
    .slice(mark)
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { msg: string; operation: string; check: string; pointer: string; message: string })
    .filter((record) => record.msg === "violation");
}

describe("the validating proxy in front of the reference server", () => {
  it("logs no violation while the whole conformance kit runs through it, and the kit passes", async () => {
    current = undefined;
    let passed = false;
    const violations = await violationsDuring(async () => {
      const result = await runConformance({ baseUrl: validating.url, token: server.tokenA, tokenB: server.tokenB, classes: ["agents", "agentos", "dashboard", "analytics", "ingest", "isolation"] });
      passed = result.passed;
    });
    expect(violations).toEqual([]);
    expect(passed).toBe(true);
  }, 120_000);

  it("covers every planted defect: each shows in a response, or is listed as one no response shows", () => {
    expect(defects.map((d) => d.name).sort()).toEqual([...Object.keys(CHECK_OF), ...NOT_IN_ONE_RESPONSE].sort());
  });

  it.each(defects.filter((d) => CHECK_OF[d.name]).map((d) => [d.name, d] as const))("logs %s with its check", async (_name, defect) => {
    current = defect;
    const violations = await violationsDuring(() => runConformance({ baseUrl: validating.url, token: server.tokenA, classes: defect.classes }));
    const operation = defect.caughtBy.split(".")[1];
    expect(violations.map((v) => `${v.operation} ${v.check}`), `${defect.description}: ${JSON.stringify(violations.slice(0, 6))}`).toContain(`${operation} ${CHECK_OF[defect.name]}`);
  }, 120_000);

  it("with --errors, answers a response that breaks the contract with a 502 listing its violations", async () => {
    current = defects.find((d) => d.name === "wrong-type");
    const url = `${refusing.url}/api/dashboard/getStats?from=2026-01-01T00:00:00.000Z&to=2026-01-31T23:59:59.999Z`;
    const reply = await fetch(url, { headers: { authorization: `Bearer ${server.tokenA}` } });
    expect(reply.status).toBe(502);
    const body = (await reply.json()) as { violations: { operation: string; check: string; pointer: string }[] };
    expect(body.violations).toContainEqual(expect.objectContaining({ operation: "getDashboardStats", check: "response-schema", pointer: "/conversationCount" }));
    current = undefined;
    expect((await fetch(url, { headers: { authorization: `Bearer ${server.tokenA}` } })).status).toBe(200);
  });
});
