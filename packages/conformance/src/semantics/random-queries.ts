import { epochMs as ms } from "@agent-analytics/contract";
import { seededRandom } from "./random.js";
import type { Semantics } from "./state.js";

/** How many random queries each figures check adds to its fixed ones. */
export const RANDOM_QUERIES = 6;

/**
 * Random queries for the figures checks, reproducible from the dataset's seed. Range ends are
 * drawn from the records' own instants, exactly or one millisecond either side, so that
 * inclusive and exclusive bounds are exercised where they matter.
 */
export class QueryGenerator {
  private readonly random: () => number;
  private readonly instants: number[];

  constructor(sem: Semantics, salt: number) {
    this.random = seededRandom((sem.dataset.seed ?? 0) + salt);
    const r = sem.records;
    const base = [
      ...r.sessions.map((s) => ms(s.createdAt)),
      ...r.runs.flatMap((x) => [ms(x.startedAt), ...(x.completedAt ? [ms(x.completedAt)] : [])]),
      ...r.messages.map((m) => ms(m.createdAt)),
      ...r.feedback.map((f) => ms(f.createdAt)),
      ...r.kbFiles.map((k) => ms(k.processedAt)),
      Date.parse(`${sem.dataset.firstDay}T00:00:00Z`),
      Date.parse(`${sem.dataset.endDay}T00:00:00Z`),
    ];
    this.instants = base.flatMap((t) => [t - 1, t, t + 1]);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  maybe<T>(value: T): T | undefined {
    return this.random() < 0.5 ? value : undefined;
  }

  /** Two distinct instants, ordered: `[start, end]` with start < end. */
  range(): [number, number] {
    let a = this.pick(this.instants);
    let b = this.pick(this.instants);
    while (a === b) b = this.pick(this.instants);
    if (a > b) [a, b] = [b, a];
    return [a, b];
  }

  /** Two days of the window (`YYYY-MM-DD`), ordered, possibly equal. */
  dayRange(sem: Semantics): [string, string] {
    const first = Date.parse(`${sem.dataset.firstDay}T00:00:00Z`);
    const days = Math.round((Date.parse(`${sem.dataset.endDay}T00:00:00Z`) - first) / 86_400_000);
    const a = this.int(-1, days);
    const b = this.int(-1, days);
    const day = (n: number) => new Date(first + n * 86_400_000).toISOString().slice(0, 10);
    return a <= b ? [day(a), day(b)] : [day(b), day(a)];
  }
}

export const iso = (t: number) => new Date(t).toISOString();
