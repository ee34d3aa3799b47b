import { formatCount } from "../format.js";

export interface Figure {
  /** The contract's field name (kept on the element, so a test can find each figure). */
  field: string;
  label: string;
  value: number;
  format?: (value: number) => string;
}

/** A grid of named figures; each carries its raw value next to its formatted text. */
export function Figures({ items, id }: { items: Figure[]; id: string }) {
  return (
    <dl class="figures" data-figures={id}>
      {items.map((item) => (
        <div class="figure" key={item.field} data-field={item.field} data-value={String(item.value)}>
          <dt>{item.label}</dt>
          <dd>{(item.format ?? formatCount)(item.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
