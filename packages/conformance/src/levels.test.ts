import { document, findOperation } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import type { Exchange } from "./http.js";
import { judge } from "./levels.js";
import { Verdict, type Requirement } from "./requirement.js";
import type { ConformanceLevel } from "./types.js";

const op = findOperation(document, "get_metrics");
const exchange: Exchange = { operation: op, request: { method: "GET", url: "http://h/metrics", headers: {} } };
const requirement = { id: "agentos.get_metrics.response-schema", class: "agentos", rules: undefined } as unknown as Requirement;

// Rule addresses of the agentos module: one the source documents, one the contract decided.
const SOURCE = "#/components/schemas/DayAggregatedMetrics/required/users_count";
const DECIDED = "#/components/schemas/TokenMetrics/required/audio_tokens";

function outcome(...failures: string[][]) {
  const verdict = new Verdict();
  failures.forEach((rules, i) => verdict.fail(exchange, `failure ${i}`, "x", rules));
  return verdict.outcome();
}

describe("judge", () => {
  const cases: [string, string[][], ConformanceLevel, string, number, number][] = [
    ["a decided rule at level contract", [[DECIDED]], "contract", "fail", 1, 0],
    ["a decided rule at level source", [[DECIDED]], "source", "warn", 0, 1],
    ["a source rule at level source", [[SOURCE]], "source", "fail", 1, 0],
    ["a failure breaking both at level source", [[SOURCE, DECIDED]], "source", "fail", 1, 0],
    ["a failure naming no rule at level source", [[]], "source", "fail", 1, 0],
    ["one of each at level source", [[DECIDED], [SOURCE]], "source", "fail", 1, 1],
  ];
  it.each(cases)("%s", (_name, failures, level, status, failed, warned) => {
    const judged = judge(document, requirement, outcome(...failures), level);
    expect(judged.status).toBe(status);
    expect(judged.failures.length).toBe(failed);
    expect(judged.warnings.length).toBe(warned);
  });

  it("names the decision and its text in a warning", () => {
    const judged = judge(document, requirement, outcome([DECIDED]), "source");
    expect(judged.reason).toContain("agentos-token-counters");
    expect(judged.warnings[0]).toMatchObject({
      decisions: ["agentos-token-counters"],
      provenance: [expect.stringContaining("contract decision agentos-token-counters")],
    });
  });

  it("annotates failures with their provenance at level contract too", () => {
    const judged = judge(document, requirement, outcome([SOURCE]), "contract");
    expect(judged.failures[0]!.provenance).toEqual([expect.stringContaining("documented by the source")]);
  });

  it("uses the requirement's own rules for failures that name none", () => {
    const semantic = { ...requirement, rules: [{ module: "ingest", address: "#" }] };
    expect(judge(document, semantic, outcome([]), "source").status).toBe("warn");
  });

  it("fails at level source when a source failure is past the ones kept", () => {
    const many = Array.from({ length: 10 }, () => [DECIDED]);
    const judged = judge(document, requirement, outcome(...many, [SOURCE]), "source");
    expect(judged.status).toBe("fail");
    expect(judged.reason).toContain("past the ones listed");
  });
});
