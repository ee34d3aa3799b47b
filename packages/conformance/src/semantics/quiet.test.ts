import { document, findOperation } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { declaredNonZero } from "./quiet.js";

const op = findOperation(document, "getDashboardStats");
const zeros = { conversationCount: 0, messageCount: 0, toolCalls: 0, totalTokens: 0 };

describe("declaredNonZero", () => {
  it.each([
    ["all zero", zeros, []],
    ["an extra property the schema allows, not 0", { ...zeros, vendorScore: 7 }, []],
    ["a declared figure off by one", { ...zeros, toolCalls: 1 }, [["/toolCalls", 1]]],
    ["a declared figure of the wrong type", { ...zeros, messageCount: "0" }, [["/messageCount", "0"]]],
  ])("%s", (_what, body, found) => {
    expect(declaredNonZero(document, op, body)).toEqual(found);
  });
});
