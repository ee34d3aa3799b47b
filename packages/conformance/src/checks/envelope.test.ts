import { document, findOperation } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { envelopeIssues } from "./envelope.js";

describe("envelopeIssues", () => {
  const S = "#/components/schemas";
  it.each([
    ["getAgentStats", 200, "application/json", { success: true, data: {} }, []],
    ["getAgentStats", 200, "application/json", { success: false, data: {} }, [["'success' must be true, got false", `${S}/AgentStatsResponse/properties/success/const`]]],
    ["getAgentStats", 200, "application/json", { data: {} }, [["top-level property 'success' is missing", `${S}/AgentStatsResponse/required/success`]]],
    ["getAgentStats", 404, "application/json", { success: false, error: "not_found", message: "x" }, []],
    ["getAgentStats", 404, "application/json", { error: "not_found" }, [["top-level property 'success' is missing", `${S}/AgentsError/required/success`], ["top-level property 'message' is missing", `${S}/AgentsError/required/message`]]],
    ["refresh_metrics", 200, "application/json", {}, [["the body must be an array", "#/paths/~1metrics~1refresh/post/responses/200/content/application~1json/schema/type"]]],
    ["ingestBatch", 400, "application/problem+json", { type: "t", title: "t", status: 409, detail: "d" }, [["problem 'status' 409 differs from the HTTP status 400", `${S}/IngestProblem`]]],
    ["getDashboardStats", 200, "application/json", "text", [["the body must be a JSON object", `${S}/DashboardStats/type`]]],
  ])("%s %d %s", (operationId, status, mediaType, body, issues) => {
    const found = envelopeIssues(document, findOperation(document, operationId), status, mediaType, body);
    expect(found.map((i) => [i.message, i.rule])).toEqual(issues);
  });
});
