import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkResponse, ContractValidator, document, findOperation, parseRequest } from "@agent-analytics/contract";
import { spawnServer } from "@agent-analytics/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningMock } from "./server.js";
import { call, MOCK_BIN, startTestMock } from "./test-support/mock-fixture.js";
import { withWidgetsModule } from "./test-support/widgets-module.js";

const doc = withWidgetsModule(document);
const validator = new ContractValidator(doc);
const operation = findOperation(doc, "getWidgetSales");
const KEY = { "x-widget-key": "k" };

let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock({ document: doc });
});
afterAll(() => mock.close());

async function coherent(base: string, shopId: string, query: Record<string, string>, seed: string) {
  const reply = await call(base, `/widgets/${shopId}/sales?${new URLSearchParams(query)}`, { headers: { ...KEY, prefer: `seed=${seed}` } });
  const parsed = parseRequest(doc, validator, operation, { pathParams: { shopId }, query, headers: {}, body: undefined });
  if (!parsed.ok) throw new Error("bad test request");
  const check = checkResponse(doc, validator, operation, parsed.request, { status: reply.status, contentType: reply.headers.get("content-type") ?? undefined, body: reply.json });
  return { reply, check };
}

describe("a module added to the contract is served without touching the mock", () => {
  it.each<[string, Record<string, string>, number]>([
    ["shop_a1", { from: "2026-02-01", to: "2026-02-07" }, 7],
    ["shop_b2", { from: "2026-02-01", to: "2026-02-01", channel: "app" }, 1],
    ["shop_c3", { from: "2026-01-01", to: "2026-02-28", channel: "web" }, 59],
  ])("%s %j: one row per day, every invariant held", async (shopId, query, days) => {
    for (const seed of ["1", "2", "3", "4", "5"]) {
      const { reply, check } = await coherent(mock.url, shopId, query, seed);
      expect(reply.status, reply.text).toBe(200);
      expect(check.schemaIssues).toEqual([]);
      expect(check.invariantFailures.map((f) => f.reason)).toEqual([]);
      expect((reply.json as { days: unknown[] }).days).toHaveLength(days);
      if (query.channel) expect(reply.json).toMatchObject({ channel: query.channel, shopId });
    }
  });

  it("validates requests and answers in the module's own error format", async () => {
    const bad = await call(mock.url, "/widgets/SHOP/sales?from=2026-02-01&to=2026-02-02", { headers: KEY });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ fault: "WIDGET_BAD_INPUT", explanation: expect.stringContaining("shopId") });
    const anonymous = await call(mock.url, "/widgets/shop_a/sales?from=2026-02-01&to=2026-02-02");
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toEqual({ fault: "WIDGET_NO_KEY", explanation: expect.any(String) });
  });

  it("answers a request no body can satisfy with the module's validation error naming the invariant", async () => {
    // A reversed range: `len(days) == (to - from) / day + 1` would need a negative length.
    const reply = await call(mock.url, "/widgets/shop_a/sales?from=2026-02-10&to=2026-02-01", { headers: KEY });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ fault: "WIDGET_BAD_INPUT", explanation: expect.stringContaining("no response satisfies the contract") });
  });

  it("is served from a file given to the CLI with --spec", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mock-spec-"));
    const file = join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(doc));
    const cli = await spawnServer(MOCK_BIN, ["--port", "0", "--spec", file, "--now", "2026-03-01"]);
    try {
      const { reply, check } = await coherent(cli.url, "shop_z9", { from: "2026-02-10", to: "2026-02-20" }, "9");
      expect(reply.status).toBe(200);
      expect(check.invariantFailures).toEqual([]);
      expect((reply.json as { days: unknown[] }).days).toHaveLength(11);
    } finally {
      await cli.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
