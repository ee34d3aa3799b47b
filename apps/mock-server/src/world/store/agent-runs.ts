import type { RunStatus } from "../records.js";
import { byRun, type RunEntry } from "./entries.js";
import { SortedList } from "./sorted.js";

/** An agent's lifetime figures (`GET /agents/{id}/stats`) and its runs, newest first, all and per status. */
export class AgentRuns {
  total = 0;
  completed = 0;
  failed = 0;
  postsGenerated = 0;
  postsPublished = 0;
  /** Runs completed or failed, and the sum of their durations. */
  finished = 0;
  durationMs = 0;
  readonly runs = new SortedList<RunEntry>(byRun);
  readonly byStatus = new Map<RunStatus, SortedList<RunEntry>>();

  add(entries: readonly RunEntry[]): void {
    for (const entry of entries) {
      const r = entry.record;
      this.total++;
      if (r.status === "completed") this.completed++;
      if (r.status === "failed") this.failed++;
      this.postsGenerated += r.postsGenerated;
      this.postsPublished += r.postsPublished;
      if (r.completedAt !== null && (r.status === "completed" || r.status === "failed")) {
        this.finished++;
        this.durationMs += r.completedAt - r.startedAt;
      }
      let ofStatus = this.byStatus.get(r.status);
      if (!ofStatus) {
        ofStatus = new SortedList<RunEntry>(byRun);
        this.byStatus.set(r.status, ofStatus);
      }
      ofStatus.add([entry]);
    }
    this.runs.add(entries);
  }

  /** Merges the additions of every list in. */
  settle(): void {
    for (const list of [this.runs, ...this.byStatus.values()]) void list.items;
  }
}
