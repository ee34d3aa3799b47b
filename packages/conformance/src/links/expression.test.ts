import { describe, expect, it } from "vitest";
import { evaluateExpression, type LinkScope } from "./expression.js";

const scope: LinkScope = {
  request: { path: { agentId: "a1" }, query: { limit: 5 }, body: { runs: [{ id: "r1", agentId: "a1" }], "a/b": 1 } },
  response: { body: { data: { runs: [{ id: "r2" }] } } },
  each: { id: "r3", agentId: "a2" },
};

describe("evaluateExpression", () => {
  it.each([
    ["$request.path.agentId", "a1"],
    ["$request.query.limit", 5],
    ["$request.body#/runs/0/id", "r1"],
    ["$request.body#/a~1b", 1],
    ["$response.body#/data/runs", [{ id: "r2" }]],
    ["$each#/agentId", "a2"],
    ["$response.body#/data/missing", undefined],
    ["$url", undefined],
  ])("%s", (expression, value) => {
    expect(evaluateExpression(expression, scope)).toEqual(value);
  });
});
