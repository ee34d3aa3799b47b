import { describe, expect, it } from "vitest";
import { document } from "./document.js";
import { listResponseExamples } from "./examples.js";
import { findOperation, listOperations } from "./operations.js";
import { requestBodySchemaPointer } from "./pointers.js";
import { deref } from "./refs.js";
import { checkResponse } from "./response-check.js";
import { ContractValidator } from "./validator.js";
import type { ExampleObject } from "./document.js";

const validator = new ContractValidator(document);
const examples = listResponseExamples(document);

describe("response examples", () => {
  it("cover every operation", () => {
    const covered = new Set(examples.filter((e) => e.status < 300).map((e) => e.operation.operationId));
    expect([...covered].sort()).toEqual(listOperations(document).map((op) => op.operationId).sort());
  });

  it("include the source systems' examples by name", () => {
    const seeds = examples.filter((e) => e.name === "seed").map((e) => `${e.operation.operationId} ${e.status}`);
    expect(seeds.sort()).toEqual([
      "getAgentRun 200",
      "getAgentRun 401",
      "getAgentStats 200",
      "getAgentStats 401",
      "getAnalyticsOverview 200",
      "get_metrics 200",
      "listAgentRuns 401",
    ]);
  });

  it.each(examples.map((e) => [`${e.operation.operationId} ${e.status} ${e.name}`, e] as const))(
    "%s is valid and satisfies every invariant",
    (_label, example) => {
      const result = checkResponse(document, validator, example.operation, example.request, {
        status: example.status,
        contentType: example.mediaType,
        body: example.value,
      });
      expect(result.statusDocumented).toBe(true);
      expect(result.schemaIssues).toEqual([]);
      expect(result.invariantFailures.map((f) => f.reason)).toEqual([]);
    },
  );

  it("reports an example that breaks an invariant with the invariant's text", () => {
    const seed = examples.find((e) => e.operation.operationId === "getAgentStats" && e.name === "seed")!;
    const broken = structuredClone(seed.value) as { data: { totalRuns: number } };
    broken.data.totalRuns = 10;
    const result = checkResponse(document, validator, seed.operation, seed.request, {
      status: 200,
      contentType: "application/json",
      body: broken,
    });
    expect(result.schemaIssues).toEqual([]);
    expect(result.invariantFailures.map((f) => f.reason)).toEqual([
      "outcomes-within-total does not hold: successfulRuns + failedRuns <= totalRuns",
    ]);
    expect(result.invariantFailures[0]!.declaredOn).toBe("#/components/schemas/AgentStats");
  });

  it("reports a request-dependent invariant that an example breaks", () => {
    const seed = examples.find((e) => e.operation.operationId === "getAgentStats" && e.name === "seed")!;
    const result = checkResponse(document, validator, seed.operation, { ...seed.request, path: { agentId: "other" } }, {
      status: 200,
      contentType: "application/json",
      body: seed.value,
    });
    expect(result.invariantFailures.map((f) => f.invariant.expr)).toEqual(["body.data.agentId == path.agentId"]);
  });

  it("enforces formats", () => {
    const seed = examples.find((e) => e.operation.operationId === "getAgentRun" && e.name === "seed")!;
    const broken = structuredClone(seed.value) as { data: { startedAt: string } };
    broken.data.startedAt = "2024-13-10T09:00:00Z";
    const result = checkResponse(document, validator, seed.operation, seed.request, {
      status: 200,
      contentType: "application/json",
      body: broken,
    });
    expect(result.schemaIssues).toEqual([
      { pointer: "/data/startedAt", message: expect.stringMatching(/^must match format "date-time"/), rule: "#/components/schemas/AgentRun/properties/startedAt/format" },
    ]);
  });
});

describe("request examples", () => {
  const ingest = findOperation(document, "ingestBatch");
  const media = ingest.requestBody!.content["application/json"]!;
  it.each(Object.entries(media.examples ?? {}))("%s is a valid batch", (_name, raw) => {
    const example = deref<ExampleObject>(document, raw);
    expect(validator.validate(requestBodySchemaPointer(ingest, "application/json"), example.value)).toEqual([]);
  });
});
