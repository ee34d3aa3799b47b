import { formatCount } from "../format.js";

export interface Bar {
  label: string;
  detail?: string;
  value: number;
}

/** A horizontal bar chart of categories (the model mix): plain HTML, so it needs no chart library. */
export function BarList({ id, title, bars }: { id: string; title: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const total = bars.reduce((sum, b) => sum + b.value, 0);
  return (
    <figure class="chart bars" data-chart={id} data-points={bars.length}>
      <figcaption>{title}</figcaption>
      <ul>
        {bars.map((bar) => (
          <li key={bar.label + (bar.detail ?? "")} data-label={bar.label} data-value={String(bar.value)}>
            <span class="bar-label">
              {bar.label} {bar.detail && <small>{bar.detail}</small>}
            </span>
            <span class="bar-track">
              <span class="bar-fill" style={{ width: `${(bar.value / max) * 100}%` }} />
            </span>
            <span class="bar-value">
              {formatCount(bar.value)} <small>({total ? Math.round((bar.value / total) * 100) : 0}%)</small>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
