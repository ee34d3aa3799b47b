import { describe, expect, it } from "vitest";
import { toCurl } from "./curl.js";

describe("toCurl", () => {
  it.each([
    [{ method: "GET", url: "http://h/a?b=1", headers: {} }, "curl -i -X GET 'http://h/a?b=1'"],
    [
      { method: "GET", url: "http://h/a", headers: { authorization: "Bearer k" } },
      "curl -i -X GET 'http://h/a' -H 'authorization: Bearer k'",
    ],
    [
      { method: "POST", url: "http://h/b", headers: {}, body: { name: "it's" } },
      `curl -i -X POST 'http://h/b' --data-raw '{"name":"it'\\''s"}'`,
    ],
  ])("renders %j", (request, expected) => {
    expect(toCurl(request)).toBe(expected);
  });
});
