import { findOperation, document } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { encodeComponent, targetOf } from "./target.js";

describe("encodeComponent", () => {
  it.each([
    ["plain", "abc", "abc"],
    ["a space and a slash", "a b/c", "a%20b%2Fc"],
    ["NUL", "a\u0000b", "a%00b"],
    ["a surrogate pair", "😀", "%F0%9F%98%80"],
    ["a lone high surrogate, as WTF-8", "x\ud800", "x%ED%A0%80"],
    ["a lone low surrogate, as WTF-8", "\udfff", "%ED%BF%BF"],
  ])("%s", (_what, value, encoded) => {
    expect(encodeComponent(value)).toBe(encoded);
  });
});

describe("targetOf", () => {
  it("fills path parameters and leaves undefined query values out", () => {
    const op = findOperation(document, "listAgentRuns");
    expect(targetOf(op, { agentId: "a/1" }, { limit: "5", status: undefined })).toBe("/agents/a%2F1/runs?limit=5");
  });
});
