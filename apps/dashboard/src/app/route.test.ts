import { describe, expect, it } from "vitest";
import { href, parseHash, withParams } from "./route.js";

describe("routes", () => {
  it.each([
    ["", [], ""],
    ["#/overview", ["overview"], ""],
    ["#/agents/agent%2Fx/runs/run_1?from=2026-01-01&to=2026-01-31", ["agents", "agent/x", "runs", "run_1"], "from=2026-01-01&to=2026-01-31"],
  ])("%s", (hash, path, query) => {
    const route = parseHash(hash);
    expect(route.path).toEqual(path);
    expect(route.params.toString()).toBe(query);
  });

  it("links keep the query, with ids escaped; changes replace or remove values", () => {
    const params = new URLSearchParams("from=2026-01-01&offset=20");
    expect(href(["agents", "a/b"], params)).toBe("#/agents/a%2Fb?from=2026-01-01&offset=20");
    expect(withParams(params, { offset: undefined, status: "failed" }).toString()).toBe("from=2026-01-01&status=failed");
    expect(parseHash(href(["agents", "a/b"], params)).path).toEqual(["agents", "a/b"]);
  });
});
