/** Nearest integer (or `decimals` places), halves away from zero: docs/semantics.md's "rounded". */
export function roundHalfAway(value: number, decimals = 0): number {
  const factor = 10 ** decimals;
  // The epsilon absorbs binary noise such as 0.6666*10000 = 6665.999...
  const scaled = Math.abs(value) * factor;
  const rounded = Math.floor(scaled + 0.5 + 1e-9);
  return (Math.sign(value) * rounded) / factor || 0;
}
