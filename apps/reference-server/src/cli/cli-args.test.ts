import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-args.js";

describe("CLI arguments", () => {
  it.each([
    [[], { command: "serve", demo: true, port: undefined }],
    [["serve", "--port", "0", "--host", "0.0.0.0", "--no-demo"], { command: "serve", port: 0, host: "0.0.0.0", demo: false }],
    [["serve", "--port=4011", "--log-level", "warn"], { command: "serve", port: 4011, logLevel: "warn" }],
    [["serve", "--database-url", "postgres://x", "--schema", "s"], { command: "serve", storage: { "database-url": "postgres://x", schema: "s", "data-dir": undefined } }],
    [["org", "create", "--name", "Acme", "--data-dir", "memory://"], { command: "org create", name: "Acme", storage: { "data-dir": "memory://" } }],
    [["key", "create", "--org", "org_1", "--user", "u"], { command: "key create", org: "org_1", user: "u", role: "member" }],
    [["key", "create", "--org", "org_1", "--user", "u", "--role", "admin"], { command: "key create", role: "admin" }],
  ])("%j", (argv, expected) => {
    expect(parseCliArgs(argv)).toMatchObject({ ok: true, ...expected });
  });

  it.each([
    [["--port", "x"], /invalid port/],
    [["serve", "--port", "70000"], /invalid port/],
    [["serve", "--wat"], /Unknown option '--wat'/],
    [["org", "create"], /needs --name/],
    [["key", "create", "--org", "o"], /needs --org and --user/],
    [["key", "create", "--org", "o", "--user", "u", "--role", "owner"], /admin or member/],
    [["org", "delete"], /unknown command 'org delete'/],
    [["serve", "now"], /unknown command 'serve now'/],
  ])("rejects %j", (argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
  });

  it("answers --help with the usage", () => {
    expect(parseCliArgs(["--help"])).toMatchObject({ ok: false, help: true, message: expect.stringContaining("key create") });
  });
});
