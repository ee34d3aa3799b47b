import { ContractValidator, document, errorResponse, findOperation } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { HttpClient, type Exchange } from "../../http.js";
import { RunContext } from "../../run-context.js";
import { contractVerdict, problemWith } from "./judge.js";

const validator = new ContractValidator(document);
const client = new HttpClient(document, validator, "http://h", "k", 1000);
const ctx = new RunContext(document, validator, client, undefined, { baseUrl: "http://h", token: "k" }, new Set(["analytics"]), "cf", 1, 5);
const op = findOperation(document, "getAnalyticsRolling");

function exchange(query: string, status: number, body: unknown = {}): Exchange {
  return {
    operation: op,
    request: { method: "GET", url: `http://h/analytics/rolling${query}`, headers: { authorization: "Bearer k" } },
    response: { status, headers: { "content-type": "application/json" }, body },
  };
}
const badRequest = errorResponse(document, op, 400, "bad window").body;

describe("the contract's verdict on a generated request", () => {
  it.each([
    ["a valid window", "?window=7", true],
    ["a window above its maximum", "?window=91", false],
    ["a window that is not a number", "?window=abc", false],
  ])("%s", (_what, query, ok) => {
    expect(contractVerdict(ctx, exchange(query, 200)).ok).toBe(ok);
  });
});

describe("problemWith", () => {
  const valid = { call: {}, edge: false, what: "w" };
  it.each<[string, "valid" | "invalid" | "hostile", string, number, boolean, boolean?]>([
    ["a server error on anything", "hostile", "?assistant=x", 500, true],
    ["a refused valid request", "valid", "?window=7", 400, true],
    ["a refused valid edge", "valid", "?window=7", 400, false, true],
    ["a served invalid request", "invalid", "?window=91", 200, true],
    ["a refused invalid request", "invalid", "?window=91", 400, false],
    ["a hostile string served", "hostile", "?assistant=%00", 200, false],
  ])("%s", (_what, kind, query, status, fails, edge = false) => {
    const found = problemWith(ctx, op, kind, { ...valid, edge }, exchange(query, status, status === 400 ? badRequest : {}));
    expect(found !== undefined, found?.message).toBe(fails);
  });
});
