import type { AgentRun, AgentsError, AnalyticsError, AnalyticsEvent, IngestProblem, RefreshStarted } from "@agent-analytics/types";
import { describe, expectTypeOf, it } from "vitest";
import { createClient, type ClientError, type Module, type ModuleErrorBody, type OperationsOf } from "./index.js";

// Checked by the compiler (`vitest --typecheck`, `tsc`): each @ts-expect-error must be an error, or the build fails.
const client = createClient({ baseUrl: "http://localhost:4010", apiKey: "key" });

describe("operations are typed from the contract", () => {
  it("groups operations by module, named by operationId", () => {
    expectTypeOf<Module>().toEqualTypeOf<"agents" | "agentos" | "dashboard" | "analytics" | "ingest">();
    expectTypeOf<OperationsOf<"agents">>().toEqualTypeOf<"getAgentStats" | "listAgentRuns" | "getAgentRun">();
  });

  it("takes flat parameters and rejects wrong ones", () => {
    void client.agents.getAgentStats({ agentId: "a" });
    void client.agentos.get_metrics(); // nothing required: the argument is optional
    // @ts-expect-error agentId is required
    void client.agents.getAgentStats();
    // @ts-expect-error misspelt parameter
    void client.agents.getAgentStats({ agentID: "a" });
    // @ts-expect-error limit is a number
    void client.agents.listAgentRuns({ agentId: "a", limit: "10" });
    // @ts-expect-error status is an enum
    void client.agents.listAgentRuns({ agentId: "a", status: "done" });
    // @ts-expect-error from and to are required
    void client.dashboard.getDashboardStats({ from: "2026-01-01T00:00:00Z" });
    // @ts-expect-error the batch is the body
    void client.ingest.ingestBatch({ runs: [] });
    // @ts-expect-error no such operation in this module
    void client.agents.getDashboardStats;
    // @ts-expect-error no such operation
    void client.call("getStats", {});
  });

  it("types success bodies by status", async () => {
    const stats = await client.agents.getAgentStats({ agentId: "a" });
    if (stats.error) return;
    expectTypeOf(stats.data.data.totalRuns).toEqualTypeOf<number>();
    // @ts-expect-error no such field
    void stats.data.data.totalRun;

    const refresh = await client.agentos.refresh_metrics({ background: true });
    if (refresh.status === 202) expectTypeOf(refresh.data).toEqualTypeOf<RefreshStarted>();
    if (refresh.status === 200) expectTypeOf(refresh.data[0]!.agent_runs_count).toEqualTypeOf<number>();
  });

  it("types errors by module and status", async () => {
    const { error } = await client.agents.listAgentRuns({ agentId: "a" });
    if (error?.kind === "api") {
      expectTypeOf(error.status).toEqualTypeOf<400 | 401 | 402 | 403 | 404 | 409 | 429 | 500 | 503>();
      expectTypeOf(error.body).toEqualTypeOf<AgentsError>();
      expectTypeOf(error.module).toEqualTypeOf<"agents">();
    }
    if (error?.kind === "network") expectTypeOf(error.cause).toEqualTypeOf<unknown>();
    if (error?.kind === "unexpected-response") expectTypeOf(error.text).toEqualTypeOf<string>();

    const ingest = await client.ingest.ingestBatch({ body: {} });
    if (ingest.error?.kind === "api" && ingest.error.status === 409) expectTypeOf(ingest.error.body).toEqualTypeOf<IngestProblem>();
    // @ts-expect-error ingestBatch does not document 404
    if (ingest.error?.kind === "api" && ingest.error.status === 404) return;

    expectTypeOf<ModuleErrorBody<"analytics">>().toEqualTypeOf<AnalyticsError>();
    // Any error of any operation narrows by module.
    const anyError = {} as ClientError;
    if (anyError.kind === "api" && anyError.module === "analytics") expectTypeOf(anyError.body).toEqualTypeOf<AnalyticsError>();
    // @ts-expect-error the analytics body has error.code, not code
    if (anyError.kind === "api" && anyError.module === "analytics") void anyError.body.code;
  });

  it("iterates only paged operations, with typed items", async () => {
    for await (const run of client.agents.listAgentRuns.items({ agentId: "a" })) expectTypeOf(run).toEqualTypeOf<AgentRun>();
    for await (const page of client.pages("listAnalyticsEvents", { startDate: "2026-01-01", endDate: "2026-01-08" })) {
      expectTypeOf(page.items).toEqualTypeOf<AnalyticsEvent[]>();
    }
    // @ts-expect-error getAgentStats is not paged
    void client.agents.getAgentStats.items;
    // @ts-expect-error getAgentRun is not paged
    void client.items("getAgentRun", { agentId: "a", runId: "r" });
  });
});
