import type { Exchange } from "../http.js";
import type { Dataset } from "./dataset.js";
import { emptyRecords, mergeRecords as merge, normalizeBatch as normalize, type Records } from "@agent-analytics/contract";

/** Reads of the windows that end at today's midnight, before and after the recent records. */
export interface RelativeReads {
  /** `getAnalyticsOverview?period=week` -> exchange, and so on. */
  before: Map<string, Exchange>;
  after: Map<string, Exchange>;
  /** UTC midnight (ms) at the first "before" read and at the last "after" read. */
  todayBefore: number;
  todayAfter: number;
}

/** What the semantics checks know: the loaded dataset, the caller, and the relative reads. */
export class Semantics {
  readonly records: Records;
  readonly recentRecords: Records;
  relative?: RelativeReads;
  relativeB?: RelativeReads;

  constructor(
    readonly dataset: Dataset,
    readonly recentBatch: Parameters<typeof normalize>[0] | undefined,
    readonly caller: { organizationId: string; userId: string; role: "member" | "admin" },
  ) {
    this.records = normalize(dataset.batch);
    this.recentRecords = recentBatch ? normalize(recentBatch) : emptyRecords();
  }

  /** Every record the kit loaded under the main key. */
  get allRecords(): Records {
    return merge(this.records, this.recentRecords);
  }

  /** An existing run addressed under an agent it does not belong to. */
  runOfAnotherAgent(): { agentId: string; runId: string } | undefined {
    const run = this.records.runs[0];
    const other = this.records.agents.find((a) => a.id !== run?.agentId);
    return run && other ? { agentId: other.id, runId: run.id } : undefined;
  }
}
