import type { ConformanceResult } from "../types.js";
import { failureLines } from "./text.js";

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** JUnit XML: one testsuite per class, one testcase per requirement. */
export function toJUnit(result: ConformanceResult): string {
  const suites = result.classes.map((cls) => {
    const cases = cls.requirements.map((r) => {
      const head = `    <testcase classname="${esc(cls.id)}" name="${esc(r.id)}" time="${(r.durationMs / 1000).toFixed(3)}">`;
      if (r.status === "skip") return `${head}<skipped message="${esc(r.reason ?? "")}"/></testcase>`;
      if (r.status === "pass") return `${head}</testcase>`;
      // JUnit has no warning: a warned requirement passes, its warnings in the test's output.
      if (r.status === "warn") return `${head}\n      <system-out>${esc(`${r.reason ?? ""}\n${r.warnings.flatMap((w) => failureLines(w, "warning")).join("\n")}`)}</system-out>\n    </testcase>`;
      const detail = r.failures.flatMap((f) => failureLines(f)).join("\n");
      return `${head}\n      <failure message="${esc(r.reason ?? "failed")}">${esc(`${r.title}\n${r.specRef}\n${detail}`)}</failure>\n    </testcase>`;
    });
    const failures = cls.requirements.filter((r) => r.status === "fail").length;
    const skipped = cls.requirements.filter((r) => r.status === "skip").length;
    const time = cls.requirements.reduce((sum, r) => sum + r.durationMs, 0) / 1000;
    return `  <testsuite name="${esc(cls.id)}" tests="${cls.requirements.length}" failures="${failures}" skipped="${skipped}" time="${time.toFixed(3)}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  const m = result.meta;
  const props = Object.entries({ kitVersion: m.kitVersion, contractVersion: m.contractVersion, contractHash: m.contractHash, seed: String(m.seed), maxExamples: String(m.maxExamples), options: JSON.stringify(m.options) })
    .map(([k, v]) => `    <property name="${k}" value="${esc(v)}"/>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="agent-analytics conformance" time="${(result.durationMs / 1000).toFixed(3)}">\n  <properties>\n${props}\n  </properties>\n${suites.join("\n")}\n</testsuites>\n`;
}
