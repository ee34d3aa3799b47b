import { describe, expect, it } from "vitest";
import { document } from "./document.js";
import { findOperation } from "./operations.js";
import { describeIssues, parseRequest, type RawRequest } from "./request.js";
import { ContractValidator } from "./validator.js";

const validator = new ContractValidator(document);
const parse = (operationId: string, raw: Partial<RawRequest>) =>
  parseRequest(document, validator, findOperation(document, operationId), { pathParams: {}, query: {}, headers: {}, ...raw });

describe("parseRequest", () => {
  it("types parameters and applies documented defaults", () => {
    const result = parse("listAgentRuns", { pathParams: { agentId: "a1" }, query: { limit: "10" } });
    expect(result).toEqual({
      ok: true,
      request: { path: { agentId: "a1" }, query: { limit: 10, offset: 0 }, headers: {}, body: undefined },
    });
  });

  const rejected: [string, string, Partial<RawRequest>, string][] = [
    ["limit above its maximum", "listAgentRuns", { pathParams: { agentId: "a" }, query: { limit: "101" } }, "limit (query) must be <= 100"],
    ["limit below its minimum", "listAgentRuns", { pathParams: { agentId: "a" }, query: { limit: "0" } }, "limit (query) must be >= 1"],
    ["a non-integer limit", "listAgentRuns", { pathParams: { agentId: "a" }, query: { limit: "ten" } }, "limit (query) must be integer"],
    ["an unknown enum value", "listAgentRuns", { pathParams: { agentId: "a" }, query: { status: "done" } }, "status (query) must be one of"],
    ["a repeated parameter", "listAgentRuns", { pathParams: { agentId: "a" }, query: { limit: ["1", "2"] } }, "limit (query) must be given once"],
    ["a missing required parameter", "getDashboardStats", { query: { to: "2024-01-01T00:00:00Z" } }, "from (query) is required"],
    ["a malformed date-time", "getDashboardStats", { query: { from: "yesterday", to: "2024-01-01T00:00:00Z" } }, 'from (query) must match format "date-time"'],
    ["a malformed date", "get_metrics", { query: { starting_date: "2025-02-30" } }, "starting_date (query)"],
    ["a reversed range", "getDashboardStats", { query: { from: "2024-02-01T00:00:00Z", to: "2024-01-01T00:00:00Z" } }, "`from` must not be after `to`."],
    ["userId without allInOrg", "getDashboardStats", { query: { from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z", userId: "u" } }, "`userId` can only be used with `allInOrg=true`."],
    ["an empty analytics range", "getAnalyticsSnapshots", { query: { startDate: "2026-02-01", endDate: "2026-02-01" } }, "`startDate` must be before `endDate`."],
    ["an analytics range over 731 days", "listAnalyticsEvents", { query: { startDate: "2020-01-01", endDate: "2022-01-02" } }, "A range spans at most 731 days."],
    ["a body that is not a batch", "ingestBatch", { body: { users: [{ id: "has space" }] } }, "body /users/0/id must match pattern"],
    ["a missing body", "ingestBatch", {}, "body a JSON body is required"],
  ];
  it.each(rejected)("rejects %s", (_name, operationId, raw, message) => {
    const result = parse(operationId, raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && describeIssues(result.issues)).toContain(message);
  });

  const accepted: [string, string, Partial<RawRequest>][] = [
    ["the largest analytics range", "listAnalyticsEvents", { query: { startDate: "2020-01-01", endDate: "2021-12-31" } }],
    ["a one-instant dashboard range", "getDashboardStats", { query: { from: "2024-01-01T00:00:00Z", to: "2024-01-01T00:00:00Z" } }],
    ["userId with allInOrg", "getDashboardStats", { query: { from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z", allInOrg: "true", userId: "u" } }],
    ["a reversed agentos range (an empty list, not an error)", "get_metrics", { query: { starting_date: "2025-02-02", ending_date: "2025-02-01" } }],
  ];
  it.each(accepted)("accepts %s", (_name, operationId, raw) => {
    expect(parse(operationId, raw)).toMatchObject({ ok: true });
  });
});
