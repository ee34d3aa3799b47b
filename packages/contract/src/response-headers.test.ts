import { describe, expect, it } from "vitest";
import { document } from "./document.js";
import { findOperation } from "./operations.js";
import { parseRequest } from "./request.js";
import { checkDeclaredHeaders, declaredHeaders } from "./response-headers.js";
import { ContractValidator } from "./validator.js";

const validator = new ContractValidator(document);
const topUsers = findOperation(document, "getAnalyticsTopUsers");
const request = (limit?: string) => {
  const parsed = parseRequest(document, validator, topUsers, {
    pathParams: {},
    headers: {},
    query: { startDate: "2026-02-01", endDate: "2026-03-01", ...(limit ? { limit } : {}) },
  });
  if (!parsed.ok) throw new Error("invalid request");
  return parsed.request;
};

describe("declared header values (x-value)", () => {
  it.each([
    [undefined, "10"],
    ["3", "3"],
    ["100", "100"],
    ["200", "100"],
  ])("users/top with limit=%s declares Applied-Limit %s", (limit, value) => {
    expect(declaredHeaders(document, topUsers, 200, request(limit))).toEqual([
      { name: "Applied-Limit", value, rule: "#/paths/~1analytics~1users~1top/get/responses/200/headers/Applied-Limit" },
    ]);
  });

  it("declares nothing for a status without such headers", () => {
    expect(declaredHeaders(document, topUsers, 400, request())).toEqual([]);
  });

  it.each([
    [{ "applied-limit": "100" }, []],
    [{}, ["header Applied-Limit is missing; expected \"100\""]],
    [{ "applied-limit": "200" }, ["header Applied-Limit is \"200\"; expected \"100\""]],
  ])("checks a response's headers %j", (headers, messages) => {
    expect(checkDeclaredHeaders(document, topUsers, 200, request("200"), headers).map((i) => i.message)).toEqual(messages);
  });
});
