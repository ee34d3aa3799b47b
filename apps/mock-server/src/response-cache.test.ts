import { describe, expect, it } from "vitest";
import { ResponseCache } from "./response-cache.js";

describe("ResponseCache", () => {
  it("keeps the most recently used entries within its capacity", () => {
    const cache = new ResponseCache(2);
    cache.set("a", "1");
    cache.set("b", "2");
    expect(cache.get("a")).toBe("1");
    cache.set("c", "3");
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("1");
    expect(cache.get("c")).toBe("3");
    expect(cache.size).toBe(2);
  });

  it("stores nothing with capacity 0", () => {
    const cache = new ResponseCache(0);
    cache.set("a", "1");
    expect(cache.get("a")).toBeUndefined();
  });
});
