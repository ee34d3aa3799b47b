/** Nearest integer (or `decimals` places), halves away from zero: docs/semantics.md's "rounded". */
export function roundHalfAway(value: number, decimals = 0): number {
  const factor = 10 ** decimals;
  // The epsilon absorbs binary noise such as 0.6666*10000 = 6665.999...
  const scaled = Math.abs(value) * factor;
  const rounded = Math.floor(scaled + 0.5 + 1e-9);
  return (Math.sign(value) * rounded) / factor || 0;
}

/** `a / b` rounded to 4 decimals, halves away from zero, exactly (integers a, b >= 0); 0 when b is 0. */
export function rate4(a: number, b: number): number {
  return b === 0 ? 0 : Math.floor((2 * a * 10_000 + b) / (2 * b)) / 10_000;
}
