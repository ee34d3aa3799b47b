import { document } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { documentServedFrom, requestOrigin } from "./served-document.js";

describe("the document as served from an origin", () => {
  const served = documentServedFrom(document, "http://127.0.0.1:41234");
  const lists = [served.servers, ...Object.values(served.paths ?? {}).flatMap((item) => [(item as { servers?: unknown }).servers].filter(Boolean))] as { url: string }[][];

  it("starts every servers list with the origin and keeps no local development port", () => {
    expect(lists.length).toBeGreaterThan(1);
    for (const servers of lists) {
      expect(servers[0]!.url).toBe("http://127.0.0.1:41234");
      expect(servers.map((s) => s.url).filter((u) => /localhost/.test(u))).toEqual([]);
    }
  });

  it("keeps production servers after it, and leaves the contract itself untouched", () => {
    expect(lists.flat().map((s) => s.url)).toContain("https://app.autoposting.ai/api-proxy");
    expect(document.servers?.[0]?.url).toBe("http://localhost:3000");
    expect(Object.keys(served.paths ?? {})).toEqual(Object.keys(document.paths ?? {}));
  });

  it.each([
    ["http", "127.0.0.1:3000", "http://127.0.0.1:3000"],
    ["https", "api.example.com", "https://api.example.com"],
    ["http", "[::1]:3000", "http://[::1]:3000"],
    ["http", "evil.com/path", undefined],
    ["http", 'x"><script>', undefined],
    ["http", undefined, undefined],
  ])("origin of %s and Host %s", (protocol, host, origin) => {
    expect(requestOrigin(protocol, host)).toBe(origin);
  });
});
