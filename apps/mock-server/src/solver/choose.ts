import type { Random } from "../generate/random.js";

/** How far apart two related instants or epoch-second stamps are made: up to an hour. */
const HOUR_MS = 3_600_000;

export type Magnitude = "ms" | "seconds" | "plain";

/**
 * A value on the right side of a bound, close to it in the way real data is: a completion a few
 * minutes after its start, a part a plausible share of its whole rather than exactly equal.
 */
export function valueBeyond(random: Random, bound: number, op: "<" | "<=" | ">" | ">=", magnitude: Magnitude): number {
  const strict = op === "<" || op === ">";
  if (magnitude !== "plain") {
    const unit = magnitude === "ms" ? 1000 : 1;
    const delta = random.int(strict ? 1 : 0, HOUR_MS / 1000) * unit;
    return op === "<" || op === "<=" ? bound - delta : bound + delta;
  }
  if (op === "<" || op === "<=") {
    const top = strict ? bound - 1 : bound;
    if (top <= 0) return top;
    return random.int(Math.ceil(top * 0.3), top);
  }
  const bottom = strict ? bound + 1 : bound;
  return bottom + random.int(0, Math.max(0, Math.floor(Math.abs(bottom) * 0.2)));
}

/** A value between two bounds; for instants, whole seconds. */
export function valueBetween(random: Random, lo: number, hi: number, magnitude: Magnitude): number {
  if (magnitude === "ms") {
    const span = Math.floor((hi - lo) / 1000);
    const v = Math.ceil(lo / 1000) * 1000 + random.int(0, Math.max(0, span - 1)) * 1000;
    return v < hi ? v : lo;
  }
  return random.int(Math.ceil(lo), Math.max(Math.ceil(lo), Math.floor(hi)));
}
