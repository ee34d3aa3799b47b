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
    ["a reversed range", "getDashboardStats", { query: { from: "2024-02-01T00:00:00Z", to: "2024-01-01T00:00:00Z" } }, "`from` must not be after `to`"],
    ["a reversed range of dates", "getDashboardStats", { query: { from: "2024-01-02", to: "2024-01-01" } }, "`from` must not be after `to`"],
    ["a from after the whole day a date `to` covers", "getDashboardStats", { query: { from: "2024-01-02T00:00:00Z", to: "2024-01-01" } }, "`from` must not be after `to`"],
    ["a dashboard date that is not ISO 8601", "getDashboardStats", { query: { from: "01/01/2024", to: "2024-01-01" } }, "from (query)"],
    ["a zero events limit", "listAnalyticsEvents", { query: { startDate: "2026-02-01", endDate: "2026-02-02", limit: "0" } }, "limit (query) must be >= 1"],
    ["a negative top-users limit", "getAnalyticsTopUsers", { query: { startDate: "2026-02-01", endDate: "2026-02-02", limit: "-5" } }, "limit (query) must be >= 1"],
    ["a non-numeric events limit", "listAnalyticsEvents", { query: { startDate: "2026-02-01", endDate: "2026-02-02", limit: "many" } }, "limit (query) must be integer"],
    ["a fractional top-users limit", "getAnalyticsTopUsers", { query: { startDate: "2026-02-01", endDate: "2026-02-02", limit: "1.5" } }, "limit (query) must be integer"],
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
    ["userId without allInOrg (it narrows the caller's own scope)", "getDashboardStats", { query: { from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z", userId: "u" } }],
    ["calendar dates as from and to", "getDashboardStats", { query: { from: "2024-01-01", to: "2024-12-31" } }],
    ["a date-time from within the day a date `to` covers", "getDashboardStats", { query: { from: "2024-01-01T12:00:00Z", to: "2024-01-01" } }],
    ["assistant on overview", "getAnalyticsOverview", { query: { assistant: "a1" } }],
    ["assistant on assistants", "getAnalyticsAssistants", { query: { startDate: "2026-02-01", endDate: "2026-03-01", assistant: "a1" } }],
    ["assistant on snapshots", "getAnalyticsSnapshots", { query: { startDate: "2026-02-01", endDate: "2026-03-01", assistant: "a1" } }],
    ["a reversed agentos range (an empty list, not an error)", "get_metrics", { query: { starting_date: "2025-02-02", ending_date: "2025-02-01" } }],
  ];
  it.each(accepted)("accepts %s", (_name, operationId, raw) => {
    expect(parse(operationId, raw)).toMatchObject({ ok: true });
  });

  // The source gives `limit` no bound: a large value is served as the contract's maximum.
  const clamped: [string, string, string, number][] = [
    ["listAnalyticsEvents", "200", "200", 100],
    ["listAnalyticsEvents", "100", "100", 100],
    ["listAnalyticsEvents", "7", "7", 7],
    ["getAnalyticsTopUsers", "200", "200", 100],
    ["getAnalyticsTopUsers", "1000000", "1000000", 100],
  ];
  it.each(clamped)("%s serves limit=%s as %s", (operationId, limit, _shown, served) => {
    const result = parse(operationId, { query: { startDate: "2026-02-01", endDate: "2026-02-02", limit } });
    expect(result).toMatchObject({ ok: true, request: { query: { limit: served } } });
  });

  const rules: [string, string, Partial<RawRequest>, string][] = [
    ["a limit above its maximum", "listAgentRuns", { pathParams: { agentId: "a" }, query: { limit: "101" } }, "#/paths/~1agents~1{agentId}~1runs/get/parameters/1/schema/maximum"],
    ["a missing required parameter", "getDashboardStats", { query: { to: "2024-01-01" } }, "#/paths/~1api~1dashboard~1getStats/get/parameters/0/required"],
    ["a reversed range", "getAnalyticsSnapshots", { query: { startDate: "2026-02-02", endDate: "2026-02-01" } }, "#/paths/~1analytics~1snapshots/get/x-request-invariants/range-is-ordered"],
    ["a malformed shared parameter", "getAnalyticsMetrics", { query: { period: "day", startDate: "soon", endDate: "2026-02-01" } }, "#/components/schemas/AnalyticsDateParam/anyOf/0/format"],
  ];
  it.each(rules)("names the rule %s breaks", (_name, operationId, raw, rule) => {
    const result = parse(operationId, raw);
    expect(!result.ok && result.issues.map((i) => i.rule)).toContain(rule);
  });
});
