import { describe, expect, it } from "vitest";
import { document } from "./document.js";
import { findOperation } from "./operations.js";
import { responseSchemaPointer } from "./pointers.js";
import { ContractValidator } from "./validator.js";

const validator = new ContractValidator(document);
const pointerOf = (operationId: string, status = "200") => responseSchemaPointer(findOperation(document, operationId), status, "application/json");

describe("the rule address of a failed keyword", () => {
  const cases: [string, string, unknown, string][] = [
    ["a required field of a referenced schema", "getAgentStats", { success: true, data: { agentId: "a" } }, "#/components/schemas/AgentStats/required/totalRuns"],
    ["a const of an envelope", "getAgentStats", { success: false, data: {} }, "#/components/schemas/AgentStatsResponse/properties/success/const"],
    ["a bound inside an array", "listAgentRuns", { success: true, data: { runs: [{ id: "r", agentId: "a", status: "queued", postsGenerated: -1, tokensUsed: 0, error: null, startedAt: "2024-01-01T00:00:00Z", completedAt: null }], total: 1 } }, "#/components/schemas/AgentRun/properties/postsGenerated/minimum"],
    ["an enum reached through two references", "listAgentRuns", { success: true, data: { runs: [{ id: "r", agentId: "a", status: "done", postsGenerated: 0, tokensUsed: 0, error: null, startedAt: "2024-01-01T00:00:00Z", completedAt: null }], total: 1 } }, "#/components/schemas/AgentRunStatus/enum"],
    ["a format in an anyOf branch", "get_metrics", { metrics: [], updated_at: "yesterday" }, "#/components/schemas/MetricsResponse/properties/updated_at/anyOf/0/format"],
    ["a type of an inline response", "refresh_metrics", { rows: [] }, "#/paths/~1metrics~1refresh/post/responses/200/content/application~1json/schema/type"],
  ];
  it.each(cases)("%s", (_name, operationId, body, rule) => {
    expect(validator.validate(pointerOf(operationId), body).map((i) => i.rule)).toContain(rule);
  });
});
