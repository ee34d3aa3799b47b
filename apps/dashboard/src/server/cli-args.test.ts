import { describe, expect, it } from "vitest";
import { DEFAULT_HOST, DEFAULT_PORT, parseCliArgs } from "./cli-args.js";

describe("the dashboard's command line", () => {
  it.each([
    [[], { port: DEFAULT_PORT, host: DEFAULT_HOST, mockArgs: [] }],
    [["--port", "0", "--api-url", "http://127.0.0.1:3000/", "--api-key", "aak_demo_admin_key"], { port: 0, host: DEFAULT_HOST, mockArgs: [], apiUrl: "http://127.0.0.1:3000", apiKey: "aak_demo_admin_key" }],
    [["--mock-delay", "100-500", "--mock-fail-rate", "0.2"], { port: DEFAULT_PORT, host: DEFAULT_HOST, mockArgs: ["--delay", "100-500", "--fail-rate", "0.2"] }],
  ])("%j", (argv, options) => {
    expect(parseCliArgs(argv)).toEqual({ ok: true, options });
  });

  it.each([
    [["--port", "70000"], /--port needs a port number/],
    [["--port", ""], /--port needs a port number/],
    [["--api-url", "ftp://x"], /--api-url needs an http\(s\) URL/],
    [["--api-url", "not a url"], /--api-url needs an http\(s\) URL/],
    [["--api-url", "http://x", "--mock-delay", "10"], /--mock-delay applies to the mock only/],
    [["--what"], /Unknown option '--what'/],
  ])("refuses %j", (argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it("--help is not an error", () => {
    expect(parseCliArgs(["--help"])).toMatchObject({ ok: false, help: true });
  });
});
