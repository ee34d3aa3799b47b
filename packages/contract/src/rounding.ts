// docs/semantics.md's "rounded": to the nearest integer (or the stated decimals), halves away from
// zero. Computed on integers, so that no binary fraction decides a half.

/** `a / b` rounded to the nearest integer, halves away from zero, exactly (integers a >= 0, b > 0). */
export function roundDiv(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/** `a / b` rounded to 4 decimals, halves away from zero (integers a, b >= 0); 0 when b is 0. */
export function rate4(a: number, b: number): number {
  return b === 0 ? 0 : roundDiv(a * 10_000, b) / 10_000;
}
