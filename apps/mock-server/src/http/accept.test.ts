import { describe, expect, it } from "vitest";
import { acceptable } from "./accept.js";

describe("acceptable", () => {
  it.each([
    [undefined, ["application/json"], true],
    ["application/json", ["application/json"], true],
    ["application/*", ["application/json"], true],
    ["*/*", ["application/json"], true],
    ["text/html, application/xhtml+xml, */*;q=0.8", ["application/json"], true],
    ["text/csv", ["application/json"], false],
    ["application/xml, text/*", ["application/json"], false],
    ["application/json;q=0", ["application/json"], false],
    ["application/json;q=0, */*", ["application/json"], false],
    ["application/problem+json", ["application/problem+json"], true],
    ["text/plain", [], true],
  ])("%s admits %j: %s", (accept, types, expected) => {
    expect(acceptable(accept, types)).toBe(expected);
  });
});
