import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-args.js";

describe("CLI arguments", () => {
  it.each([
    [[], {}],
    [["--port", "0", "--host", "0.0.0.0"], { port: 0, host: "0.0.0.0" }],
    [["-p", "5000", "-s", "abc"], { port: 5000, seed: "abc" }],
    [["--port=4011", "--seed=7"], { port: 4011, seed: "7" }],
    [["--static"], { dynamic: false }],
    [["-d"], { dynamic: true }],
    [["--delay", "10-20", "--fail-rate", "0.1"], { delay: { min: 10, max: 20 }, failRate: 0.1 }],
    [["--now", "2026-03-01"], { now: Date.UTC(2026, 2, 1) }],
    [["--no-cors", "--spec", "x.yaml"], { cors: false, spec: "x.yaml" }],
    [["--cache", "0"], { cacheSize: 0 }],
    [["--world-days", "30", "--world-scale", "0.5"], { worldDays: 30, worldScale: 0.5 }],
  ])("%j", (argv, expected) => {
    expect(parseCliArgs(argv)).toEqual({ ok: true, options: expected });
  });

  it.each([[["--port", "x"]], [["--port", "70000"]], [["--fail-rate", "3"]], [["--delay", "a"]], [["--now", "soon"]], [["--wat"]], [["--seed"]], [["--cache", "-1"]], [["--world-days", "0"]], [["--world-days", "1.5"]], [["--world-scale", "0"]], [["--world-scale", "x"]]])(
    "rejects %j",
    (argv) => {
      expect(parseCliArgs(argv).ok).toBe(false);
    },
  );
});
