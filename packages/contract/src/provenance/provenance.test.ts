import { describe, expect, it } from "vitest";
import { document } from "../document.js";
import { findOperation } from "../operations.js";
import { checkResponse } from "../response-check.js";
import { ContractValidator } from "../validator.js";
import { listDecisions, provenanceOf, type ProvenanceDeclaration } from "./declaration.js";
import { listRules, resolveRuleAddress } from "./rules.js";

const modules = (document["x-modules"] ?? []).map((m) => ({ ...m, declaration: m.provenance as ProvenanceDeclaration }));

describe("x-provenance", () => {
  it.each(modules.map((m) => [m.name, m] as const))("%s declares the provenance of every one of its rules", (name) => {
    const missing = listRules(document, name).filter((rule) => !provenanceOf(document, name, rule.address));
    expect(missing.map((r) => `${r.address} (${r.what})`)).toEqual([]);
  });

  it.each(modules.map((m) => [m.name, m] as const))("%s names only rules that exist, each once", (_name, m) => {
    const addresses = [...m.declaration.source.flatMap((s) => s.rules), ...m.declaration.decisions.flatMap((d) => d.rules)];
    expect(addresses.filter((a) => a !== "#" && resolveRuleAddress(document, a) === undefined)).toEqual([]);
    expect(addresses.filter((a, i) => addresses.indexOf(a) !== i)).toEqual([]);
  });

  it("gives each decision a unique id, a reason, and a mention in its module's description", () => {
    const decisions = listDecisions(document);
    const ids = decisions.map((d) => d.decision.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const { module, decision } of decisions) {
      expect(decision.reason, decision.id).toBeTruthy();
      expect(decision.id.startsWith(`${module}-`), decision.id).toBe(true);
      const description = modules.find((m) => m.name === module)!.description;
      if (module !== "ingest") expect(description, decision.id).toContain(`[${decision.id}]`);
    }
  });

  it("marks what the issue list calls contract-only as decisions, and the sources' own rules as the source's", () => {
    const by = (module: string, address: string) => {
      const p = provenanceOf(document, module, address);
      return p?.by === "contract" ? p.decision.id : p?.by;
    };
    expect(by("agentos", "#/components/schemas/TokenMetrics/required/audio_tokens")).toBe("agentos-token-counters");
    expect(by("agentos", "#/components/schemas/DayAggregatedMetrics/required/token_metrics")).toBe("source");
    expect(by("agents", "#/paths/~1agents~1{agentId}~1stats/get/responses/402")).toBe("source");
    expect(by("agents", "#/components/schemas/AgentRun/required/error")).toBe("agents-fields-present");
    expect(by("dashboard", "#/components/schemas/DashboardError/required/error")).toBe("dashboard-error-body");
    expect(by("analytics", "#/paths/~1analytics~1events/get/parameters/5/schema/x-clamp-maximum")).toBe("analytics-limit");
    expect(by("ingest", "#/paths/~1ingest~1batch/post/responses/409")).toBe("ingest-module");
  });

  it("finds the provenance of what a response check reports", () => {
    const validator = new ContractValidator(document);
    const op = findOperation(document, "get_metrics");
    const row = {
      id: "r", agent_runs_count: 1, agent_sessions_count: 1, team_runs_count: 0, team_sessions_count: 0, workflow_runs_count: 0,
      workflow_sessions_count: 0, users_count: 1, token_metrics: { input_tokens: 3, output_tokens: 4, total_tokens: 7 },
      model_metrics: [], date: "2025-07-31T00:00:00", created_at: 1, updated_at: 2,
    };
    const result = checkResponse(document, validator, op, { path: {}, query: {}, headers: {}, body: undefined }, {
      status: 200,
      contentType: "application/json",
      body: { metrics: [row], updated_at: null },
    });
    const decided = result.schemaIssues.map((i) => provenanceOf(document, "agentos", i.rule!));
    expect(decided.length).toBe(6);
    expect(decided.every((p) => p?.by === "contract" && p.decision.id === "agentos-token-counters")).toBe(true);
  });
});
