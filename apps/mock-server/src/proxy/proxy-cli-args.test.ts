import { describe, expect, it } from "vitest";
import { parseProxyArgs } from "./proxy-cli-args.js";

describe("proxy command line", () => {
  it.each([
    [["http://127.0.0.1:3000"], { upstream: "http://127.0.0.1:3000", errors: false, cors: true }],
    [["http://h:1/base", "--port", "0", "--errors", "--report", "r.json", "--log-level", "warn", "--log-format", "json", "--no-cors"], { upstream: "http://h:1/base", port: 0, errors: true, report: "r.json", logLevel: "warn", logFormat: "json", cors: false }],
  ])("%j", (argv, expected) => {
    const parsed = parseProxyArgs(argv);
    expect(parsed.ok && parsed.options).toMatchObject(expected);
  });

  it.each([
    [[], /exactly one upstream URL/],
    [["ftp://x"], /http\(s\) URL/],
    [["http://x", "--log-level", "loud"], /--log-level needs one of/],
    [["http://x", "--port", "70000"], /--port/],
    [["http://x", "--bogus"], /Unknown option/],
  ])("refuses %j", (argv, message) => {
    const parsed = parseProxyArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
  });
});
