/** Sorted arrays: the indexes every list read pages through, kept sorted as records arrive. */
export type Compare<T> = (a: T, b: T) => number;

/** The first index whose element is not before `probe` (`before(element)` says it is). */
export function lowerBound<T>(list: readonly T[], before: (element: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose `at` is at least `t`, in a list ascending by `at`. */
export function firstAtOrAfter<T>(list: readonly T[], at: (element: T) => number, t: number): number {
  return lowerBound(list, (e) => at(e) < t);
}

/**
 * A list kept sorted by `compare`. Additions wait in a buffer, merged in (sorted, then one pass)
 * on the next read: a run of ingests costs no more than appending, and a read after them one merge.
 */
export class SortedList<T> {
  private sorted: T[] = [];
  private pending: T[] = [];

  constructor(private readonly compare: Compare<T>) {}

  add(items: readonly T[]): void {
    for (const item of items) this.pending.push(item);
  }

  get length(): number {
    return this.sorted.length + this.pending.length;
  }

  /** The elements in order (merging what was added since the last read). */
  get items(): readonly T[] {
    if (this.pending.length > 0) {
      const added = this.pending.sort(this.compare);
      this.sorted = this.sorted.length === 0 ? added : mergeSorted(this.sorted, added, this.compare);
      this.pending = [];
    }
    return this.sorted;
  }
}

function mergeSorted<T>(a: readonly T[], b: readonly T[], compare: Compare<T>): T[] {
  const out = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * `[offset, offset + limit)` of the merge of sorted lists, without merging them: the lists are the
 * layers of an organisation (the seeded world and what it ingested), all sorted by `compare`.
 */
export function mergedPage<T>(lists: readonly (readonly T[])[], compare: Compare<T>, offset: number, limit: number): T[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return [];
  if (nonEmpty.length === 1) return nonEmpty[0]!.slice(offset, offset + limit);
  // Positions in each list of the first element at or after the offset in the merged order: the
  // smaller lists (ingested records) are walked, the largest is searched.
  const [big, ...small] = [...nonEmpty].sort((a, b) => b.length - a.length) as [readonly T[], ...(readonly T[])[]];
  const positions = small.map(() => 0);
  let bigPos = 0;
  let skipped = 0;
  while (skipped < offset) {
    // The smallest head among the small lists, and how many of `big` precede it.
    let which = -1;
    for (let s = 0; s < small.length; s++) {
      const head = small[s]![positions[s]!];
      if (head !== undefined && (which < 0 || compare(head, small[which]![positions[which]!]!) < 0)) which = s;
    }
    const limitBig = which < 0 ? big.length : lowerBound(big, (e) => compare(e, small[which]![positions[which]!]!) <= 0);
    const take = Math.min(limitBig - bigPos, offset - skipped);
    bigPos += take;
    skipped += take;
    if (skipped < offset && which >= 0) {
      positions[which]!++;
      skipped++;
    } else if (which < 0) break;
  }
  const heads = [big, ...small];
  const at = [bigPos, ...positions];
  const page: T[] = [];
  while (page.length < limit) {
    let which = -1;
    for (let s = 0; s < heads.length; s++) {
      const head = heads[s]![at[s]!];
      if (head !== undefined && (which < 0 || compare(head, heads[which]![at[which]!]!) < 0)) which = s;
    }
    if (which < 0) break;
    page.push(heads[which]![at[which]!++]!);
  }
  return page;
}
