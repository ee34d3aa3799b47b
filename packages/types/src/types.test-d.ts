import createClient from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import type {
  AgentRun,
  AgentStats,
  DayAggregatedMetrics,
  DashboardStats,
  IngestBatch,
  OperationId,
  ParsedQueryOf,
  paths,
  PathOf,
  QueryOf,
  RefreshStarted,
  RequestBodyOf,
  ResponseBody,
  SuccessBody,
  SuccessReply,
  SuccessStatus,
} from "./index.js";

// These tests are checked by the TypeScript compiler (`vitest --typecheck`, `tsc`): a wrong type
// fails the build, which is the point.
describe("generated types", () => {
  it("name the main schemas", () => {
    expectTypeOf<AgentStats["totalRuns"]>().toEqualTypeOf<number>();
    expectTypeOf<AgentRun["status"]>().toEqualTypeOf<"queued" | "running" | "completed" | "failed">();
    expectTypeOf<AgentRun["completedAt"]>().toEqualTypeOf<string | null>();
    expectTypeOf<DayAggregatedMetrics["token_metrics"]["total_tokens"]>().toEqualTypeOf<number>();
    expectTypeOf<keyof DashboardStats>().toEqualTypeOf<
      | "conversationCount" | "messageCount" | "toolCalls" | "totalTokens" | "inputTokens" | "outputTokens"
      | "uniqueUsers" | "uniqueAgents" | "totalFeedback" | "totalHelpful" | "totalNotHelpful" | "kbFileCount"
      | "kbCount" | "kbExtractTotalTokens" | "kbExtractInputTokens" | "kbExtractOutputTokens"
    >();
  });

  it("address operations by id", () => {
    expectTypeOf<"getAgentStats">().toExtend<OperationId>();
    expectTypeOf<SuccessBody<"getAgentStats">["data"]>().toEqualTypeOf<AgentStats>();
    expectTypeOf<ResponseBody<"getAgentStats", 404>["success"]>().toEqualTypeOf<false>();
    expectTypeOf<QueryOf<"listAgentRuns">["limit"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PathOf<"getAgentRun">>().toEqualTypeOf<{ agentId: string; runId: string }>();
    expectTypeOf<RequestBodyOf<"ingestBatch">>().toEqualTypeOf<IngestBatch>();
    expectTypeOf<SuccessBody<"getDashboardStats">>().toEqualTypeOf<DashboardStats>();
  });

  it("type a client built with openapi-fetch", () => {
    const client = createClient<paths>({ baseUrl: "http://localhost:3000" });
    const _call = () =>
      client.GET("/agents/{agentId}/runs", { params: { path: { agentId: "agent_1" }, query: { limit: 10 } } });
    expectTypeOf<Awaited<ReturnType<typeof _call>>["data"]>().toEqualTypeOf<SuccessBody<"listAgentRuns"> | undefined>();
    // @ts-expect-error `from` is required by getStats.
    const _missing = () => client.GET("/api/dashboard/getStats", { params: { query: { to: "2024-01-01T00:00:00Z" } } });
  });

  it("type the analytics and dashboard date parameters as strings", () => {
    expectTypeOf<QueryOf<"getAnalyticsMetrics">["startDate"]>().toEqualTypeOf<string>();
    expectTypeOf<QueryOf<"listAnalyticsEvents">["endDate"]>().toEqualTypeOf<string>();
    expectTypeOf<QueryOf<"getDashboardStats">["from"]>().toEqualTypeOf<string>();
    const client = createClient<paths>({ baseUrl: "http://localhost:3000" });
    const _dates = () => client.GET("/analytics/users/top", { params: { query: { startDate: "2026-02-01", endDate: "2026-03-01T00:00:00Z", limit: 200 } } });
    // @ts-expect-error a date is a string: a number must not compile (the hole of an untyped anyOf).
    const _number = () => client.GET("/analytics/metrics", { params: { query: { period: "day", startDate: 12345, endDate: "2026-03-01" } } });
    // @ts-expect-error the same for the dashboard range.
    const _dashboard = () => client.GET("/api/dashboard/getStats", { params: { query: { from: 20240101, to: "2024-12-31" } } });
  });

  it("type assistant on every analytics operation", () => {
    expectTypeOf<QueryOf<"getAnalyticsOverview">["assistant"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<QueryOf<"getAnalyticsAssistants">["assistant"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<QueryOf<"getAnalyticsSnapshots">["assistant"]>().toEqualTypeOf<string | undefined>();
  });

  it("type a validated query: a parameter with a default is present", () => {
    expectTypeOf<ParsedQueryOf<"listAgentRuns">["limit"]>().toEqualTypeOf<number>();
    expectTypeOf<ParsedQueryOf<"listAgentRuns">["offset"]>().toEqualTypeOf<number>();
    expectTypeOf<ParsedQueryOf<"listAgentRuns">["status"]>().toEqualTypeOf<QueryOf<"listAgentRuns">["status"]>();
    expectTypeOf<ParsedQueryOf<"getDashboardStats">["allInOrg"]>().toEqualTypeOf<boolean>();
    expectTypeOf<ParsedQueryOf<"getDashboardStats">["userId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ParsedQueryOf<"getAnalyticsOverview">["period"]>().toEqualTypeOf<"day" | "week" | "month">();
    expectTypeOf<keyof ParsedQueryOf<"getIngestContext">>().toEqualTypeOf<string>();
  });

  it("type the success replies of an operation by status", () => {
    expectTypeOf<SuccessStatus<"refresh_metrics">>().toEqualTypeOf<200 | 202>();
    expectTypeOf<Extract<SuccessReply<"refresh_metrics">, { status: 202 }>["body"]>().toEqualTypeOf<RefreshStarted>();
    expectTypeOf<Extract<SuccessReply<"refresh_metrics">, { status: 200 }>["body"]>().toEqualTypeOf<DayAggregatedMetrics[]>();
    expectTypeOf<SuccessReply<"getAgentStats">>().toEqualTypeOf<{ status: 200; body: SuccessBody<"getAgentStats"> }>();
  });
});
