/**
 * `@agent-analytics/conformance/vitest`: the kit as a Vitest suite, one test per requirement, for
 * a server's own test suite (this repository runs its servers through it). Needs `vitest` as a
 * peer dependency; the package root does not.
 */
import { document } from "@agent-analytics/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCatalog } from "./catalog.js";
import { failureLines } from "./reports/text.js";
import { runConformance } from "./runner.js";
import type { ConformanceOptions, ConformanceResult, RequirementResult, Status } from "./types.js";

export interface ConformanceSuite {
  /** Starts or locates the server; `teardown` runs after the suite. */
  setup: () => Promise<ConformanceOptions & { teardown?: () => Promise<void> }>;
  /**
   * The status each requirement must end with. Default: `pass` for the requirements the run holds
   * the server to (`claimed`: its class and its operation's module claimed, selected by the
   * options), `skip` for the others. `check` is the last segment of the id (`bounds`, `figures`, ...).
   */
  expected?: (requirement: { id: string; class: string; check: string; claimed: boolean }) => Status;
  /** Budget for setup and the whole run (default 120 s). */
  timeoutMs?: number;
  /** Assertions on the run as a whole (duration, claimed classes), as one more test. */
  checkRun?: (result: ConformanceResult) => void;
}

/** A Vitest `describe` block with one test per requirement of the catalog. */
export function describeConformance(name: string, suite: ConformanceSuite): void {
  const catalog = buildCatalog(document);
  describe(name, () => {
    let result: ConformanceResult | undefined;
    let teardown: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const { teardown: stop, ...options } = await suite.setup();
      teardown = stop;
      result = await runConformance(options);
    }, suite.timeoutMs ?? 120_000);
    afterAll(async () => {
      await teardown?.();
    });
    if (suite.checkRun) {
      it("the run as a whole", () => {
        expect(result, "the conformance run did not complete").toBeDefined();
        suite.checkRun!(result!);
      });
    }
    it.each(catalog.map((r) => ({ id: r.id, cls: r.class })))("$id", ({ id, cls }) => {
      expect(result, "the conformance run did not complete").toBeDefined();
      const found = result!.classes.flatMap((c) => c.requirements).find((r) => r.id === id);
      const claimed = found?.required ?? false;
      const want = suite.expected?.({ id, class: cls, check: id.split(".").pop()!, claimed }) ?? (claimed ? "pass" : "skip");
      expect(found?.status, explain(found)).toBe(want);
    });
  });
}

function explain(r: RequirementResult | undefined): string {
  if (!r) return "not reported";
  return [`${r.id}: ${r.status}${r.reason ? ` - ${r.reason}` : ""}`, ...r.failures.flatMap((f) => failureLines(f)), ...r.warnings.flatMap((w) => failureLines(w, "warning"))].join("\n");
}
