// One formatter for every figure, so the browser tests can read back what they compare.
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

export const formatCount = (n: number): string => integer.format(n);
export const formatRate = (rate: number): string => percent.format(rate);

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${formatCount(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatInstant(iso: string | null): string {
  if (!iso) return "—";
  return iso.replace("T", " ").replace(/\.\d{3}Z$|Z$/, " UTC");
}
