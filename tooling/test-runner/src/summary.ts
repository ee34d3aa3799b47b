/**
 * Reads the test counts out of the output of `turbo run test`: Vitest ends each package's run with
 * `Tests  2 failed | 120 passed | 66 skipped (188)`, which turbo prefixes with `<package>:test: `.
 */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface RunSummary {
  byPackage: Map<string, Counts>;
  /** Packages whose test task printed output but no count: they failed before running tests. */
  uncounted: Set<string>;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const PREFIX = /^(\S+?):test: ?(.*)$/;
const COUNTS = /^\s*Tests\s+(.*?)\s*\(\d+\)\s*$/;

export function newSummary(): RunSummary {
  return { byPackage: new Map(), uncounted: new Set() };
}

/** Feeds one line of output. Lines without turbo's prefix (a single package's run) count as `(this package)`. */
export function readLine(summary: RunSummary, raw: string): void {
  const line = raw.replace(ANSI, "");
  const prefixed = PREFIX.exec(line);
  const pkg = prefixed?.[1] ?? "(this package)";
  const text = prefixed?.[2] ?? line;
  if (prefixed && !summary.byPackage.has(pkg)) summary.uncounted.add(pkg);
  const counts = COUNTS.exec(text);
  if (!counts) return;
  const found: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const part of counts[1]!.split("|")) {
    const [, n, what] = /(\d+)\s+(\w+)/.exec(part.trim()) ?? [];
    if (what === "passed") found.passed += Number(n);
    else if (what === "failed") found.failed += Number(n);
    else if (what === "skipped" || what === "todo") found.skipped += Number(n);
  }
  const previous = summary.byPackage.get(pkg);
  summary.byPackage.set(pkg, previous ? add(previous, found) : found);
  summary.uncounted.delete(pkg);
}

const add = (a: Counts, b: Counts): Counts => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped });

export function totals(summary: RunSummary): Counts {
  return [...summary.byPackage.values()].reduce(add, { passed: 0, failed: 0, skipped: 0 });
}
