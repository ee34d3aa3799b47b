import {
  checkResponse,
  ContractValidator,
  document,
  listOperations,
  listResponseExamples,
  parseRequest,
  validationStatus,
  type Operation,
} from "@agent-analytics/contract";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningMock } from "./server.js";
import { AUTH, call, startTestMock } from "./test-support/mock-fixture.js";
import { requestArbitrary, urlOf, type ValidRequest } from "./test-support/request-arbitrary.js";
import { knownIds, type KnownIds } from "./test-support/world-ids.js";

const validator = new ContractValidator(document);
const operations = listOperations(document);
let mock: RunningMock;
let ids: KnownIds;

beforeAll(async () => {
  mock = await startTestMock();
  ids = knownIds(mock.engine.world);
});

/**
 * The request with ids the world holds in its path (an agent, one of its runs) and store
 * parameters the mock knows, and, for every other draw, filters naming real agents and users:
 * the world answers such requests 2xx. Random ids are answered 404 (checked below).
 */
function withKnownIds(request: ValidRequest, pick: number): ValidRequest {
  const path = { ...request.path };
  const query = { ...request.query };
  if (path.agentId !== undefined) path.agentId = ids.agents[pick % ids.agents.length]!;
  if (path.runId !== undefined) {
    const runs = ids.runs.get(path.agentId!)!;
    path.runId = runs[pick % runs.length]!;
  }
  if (query.db_id !== undefined) query.db_id = "default";
  if (query.table !== undefined) query.table = "metrics";
  if (pick % 2 === 0) {
    for (const name of ["assistant", "agentId"]) if (query[name] !== undefined) query[name] = ids.agents[pick % ids.agents.length]!;
    for (const name of ["user", "userId"]) if (query[name] !== undefined) query[name] = ids.users[pick % ids.users.length]!;
  }
  return { ...request, path, query };
}
afterAll(() => mock.close());

/** Sample bodies for operations that take one: the contract's own request examples. */
function exampleBody(operation: Operation): unknown {
  return listResponseExamples(document).find((e) => e.operation === operation && e.request.body !== undefined)?.request.body;
}

async function exchange(operation: Operation, request: ValidRequest, seed: string) {
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const reply = await call(mock.url, urlOf(operation, request), {
    method: operation.method.toUpperCase(),
    headers: { ...AUTH, prefer: `seed=${seed}`, ...(body ? { "content-type": "application/json" } : {}) },
    body,
  });
  const parsed = parseRequest(document, validator, operation, {
    pathParams: request.path,
    query: request.query,
    headers: {},
    body: request.body,
  });
  if (!parsed.ok) return { reply, check: undefined, issues: parsed.issues };
  const check = checkResponse(document, validator, operation, parsed.request, {
    status: reply.status,
    contentType: reply.headers.get("content-type") ?? undefined,
    body: reply.json,
  });
  return { reply, check, issues: [] };
}

describe.each(operations.map((op) => [op.operationId, op] as const))("%s", (_id, operation) => {
  it("answers valid requests with bodies that satisfy the schema and every invariant, over many seeds", async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(document, operation, exampleBody(operation)), fc.integer({ min: 0, max: 1e6 }), async (drawn, seed) => {
        const request = withKnownIds(drawn, seed);
        const { reply, check, issues } = await exchange(operation, request, String(seed));
        if (!check) {
          // Within each parameter's bounds but against a relation between them (x-request-invariants):
          // the mock must refuse it as the contract says, in the module's format.
          expect(reply.status, `${JSON.stringify(issues)} -> ${reply.text}`).toBe(validationStatus(operation));
          expect(reply.text).toContain(issues[0]!.message.slice(0, 20));
          return;
        }
        expect(reply.status, reply.text).toBeLessThan(300);
        expect(check.statusDocumented && check.contentTypeDocumented).toBe(true);
        expect(check.schemaIssues).toEqual([]);
        expect(check.invariantFailures.map((f) => f.reason)).toEqual([]);
      }),
      { numRuns: 60, seed: 20260301 },
    );
  });
});

describe.each(operations.filter((op) => op.pathParameterNames.length > 0).map((op) => [op.operationId, op] as const))("%s with ids the world does not hold", (_id, operation) => {
  it("answers 404 in the module's documented format", async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(document, operation), async (request) => {
        const { reply, check } = await exchange(operation, request, "1");
        expect(reply.status, reply.text).toBe(404);
        expect(check?.statusDocumented && check.contentTypeDocumented).toBe(true);
        expect(check?.schemaIssues).toEqual([]);
      }),
      { numRuns: 20, seed: 20260301 },
    );
  });
});

describe("contract examples' requests", () => {
  const withRequests = listResponseExamples(document).filter((e) => e.status < 300);
  it.each(withRequests.map((e) => [`${e.operation.operationId} ${e.name}`, e] as const))("%s answered dynamically and coherently", async (_n, example) => {
    const request: ValidRequest = {
      path: Object.fromEntries(Object.entries(example.request.path).map(([k, v]) => [k, String(v)])),
      query: Object.fromEntries(
        Object.entries(example.request.query)
          .filter(([name, v]) => v !== undefined && v !== null && example.operation.parameters.some((p) => p.name === name))
          .map(([k, v]) => [k, String(v)]),
      ),
      body: example.request.body,
    };
    // The examples name records of their own (agent_01HXYZ): the world answers with one it holds.
    if (request.path.agentId !== undefined) request.path = withKnownIds(request, 0).path;
    for (const seed of ["1", "2", "3"]) {
      const { reply, check } = await exchange(example.operation, request, seed);
      if (!check) throw new Error(`the contract's example request is invalid: ${reply.text}`);
      expect(reply.status, reply.text).toBeLessThan(300);
      expect(check.schemaIssues).toEqual([]);
      expect(check.invariantFailures.map((f) => f.reason)).toEqual([]);
    }
  });
});
