import type { ConformanceResult, Failure, RequirementResult } from "../types.js";

const MARK = { pass: "PASS", warn: "WARN", fail: "FAIL", skip: "SKIP" } as const;

/** The report a person reads in a terminal: per class, per requirement, failures in full. */
export function toText(result: ConformanceResult, options: { verbose?: boolean } = {}): string {
  const m = result.meta;
  const lines: string[] = [
    `Conformance of ${result.baseUrl} (level ${result.level})`,
    `kit ${m.kitVersion}, contract ${m.contractVersion} (sha256 ${m.contractHash.slice(0, 16)}), seed ${m.seed}, max-examples ${m.maxExamples}`,
    `replay: --seed ${m.seed} --max-examples ${m.maxExamples}`,
    "",
  ];
  for (const cls of result.classes) {
    const counts = count(cls.requirements);
    lines.push(`${MARK[cls.status]} ${cls.id}${cls.claimed ? "" : " (not claimed)"}: ${counts}`);
    if (!cls.claimed) continue;
    for (const r of cls.requirements) {
      if (r.status === "pass" && !options.verbose) continue;
      lines.push(`  ${MARK[r.status]} ${r.id}${r.reason ? ` - ${r.reason}` : ""}`);
      if (r.status === "fail" || r.status === "warn") lines.push(`       ${r.title} [${r.specRef}]`);
      for (const f of r.failures) lines.push(...failureLines(f).map((l) => `       ${l}`));
      for (const w of r.warnings) lines.push(...failureLines(w, "warning").map((l) => `       ${l}`));
    }
  }
  lines.push("", summaryLine(result));
  return lines.join("\n");
}

/** The last line: the verdict and every count, skips included, so no verdict hides a skip. */
export function summaryLine(result: ConformanceResult): string {
  const all = result.classes.flatMap((c) => c.requirements);
  const by = (s: string) => all.filter((r) => r.status === s).length;
  const warned = by("warn") ? `, ${by("warn")} passed with warnings (rules only this contract decided)` : "";
  return `${result.passed ? "PASSED" : "FAILED"} at level ${result.level}, seed ${result.meta.seed}: ${by("pass") + by("warn")} passed${warned}, ${by("fail")} failed, ${by("skip")} skipped (not claimed or not selected); ${result.requestCount} requests in ${(result.durationMs / 1000).toFixed(1)} s`;
}

function count(requirements: RequirementResult[]): string {
  const by = (s: string) => requirements.filter((r) => r.status === s).length;
  return `${by("pass")} passed, ${by("warn")} warned, ${by("fail")} failed, ${by("skip")} skipped`;
}

export function failureLines(f: Failure, kind: "failure" | "warning" = "failure"): string[] {
  const out = [`- ${kind === "warning" ? "warning: " : ""}${f.message}`, `  expected: ${f.expected}`];
  for (const p of f.provenance ?? []) out.push(`  rule:     ${p}`);
  out.push(`  request:  ${f.request.method} ${f.request.url}`);
  if (f.response) out.push(`  response: ${f.response.status} ${truncate(JSON.stringify(f.response.body) ?? "")}`);
  else out.push("  response: none");
  out.push(`  replay:   ${f.curl}`);
  return out;
}

function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}
