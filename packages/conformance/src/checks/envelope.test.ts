import { document, findOperation } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { envelopeIssues } from "./envelope.js";

describe("envelopeIssues", () => {
  it.each([
    ["getAgentStats", 200, "application/json", { success: true, data: {} }, []],
    ["getAgentStats", 200, "application/json", { success: false, data: {} }, ["'success' must be true, got false"]],
    ["getAgentStats", 200, "application/json", { data: {} }, ["top-level property 'success' is missing"]],
    ["getAgentStats", 404, "application/json", { success: false, error: "not_found", message: "x" }, []],
    ["getAgentStats", 404, "application/json", { error: "not_found" }, ["top-level property 'success' is missing", "top-level property 'message' is missing"]],
    ["refresh_metrics", 200, "application/json", {}, ["the body must be an array"]],
    ["ingestBatch", 400, "application/problem+json", { type: "t", title: "t", status: 409, detail: "d" }, ["problem 'status' 409 differs from the HTTP status 400"]],
    ["getDashboardStats", 200, "application/json", "text", ["the body must be a JSON object"]],
  ])("%s %d %s", (operationId, status, mediaType, body, issues) => {
    expect(envelopeIssues(document, findOperation(document, operationId), status, mediaType, body)).toEqual(issues);
  });
});
