import { writeFileSync } from "node:fs";
import type { ViolationEntry } from "../log/request-log.js";

/** Violations kept for the report: the counts stay exact beyond it. */
const MAX_LISTED = 1000;

/** What `--report FILE` writes on exit: counts by check and by operation, and the violations seen. */
export class ProxyReport {
  requests = 0;
  responsesWithViolations = 0;
  private count = 0;
  private readonly byCheck: Record<string, number> = {};
  private readonly byOperation: Record<string, number> = {};
  private readonly listed: (ViolationEntry & { method: string; path: string; status: number })[] = [];

  constructor(private readonly upstream: string) {}

  record(method: string, path: string, status: number, violations: ViolationEntry[]): void {
    this.requests += 1;
    if (violations.length === 0) return;
    this.responsesWithViolations += 1;
    for (const v of violations) {
      this.count += 1;
      this.byCheck[v.check] = (this.byCheck[v.check] ?? 0) + 1;
      this.byOperation[v.operation] = (this.byOperation[v.operation] ?? 0) + 1;
      if (this.listed.length < MAX_LISTED) this.listed.push({ method, path, status, ...v });
    }
  }

  get violations(): number {
    return this.count;
  }

  summary() {
    return {
      upstream: this.upstream,
      requests: this.requests,
      responsesWithViolations: this.responsesWithViolations,
      violations: this.count,
      byCheck: this.byCheck,
      byOperation: this.byOperation,
      listed: this.listed,
      listedAll: this.listed.length === this.count,
    };
  }

  write(file: string): void {
    writeFileSync(file, `${JSON.stringify(this.summary(), null, 2)}\n`);
  }
}
