import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatCount } from "../format.js";

export interface Series {
  label: string;
  values: number[];
  color: string;
}

interface LineChartProps {
  /** Names the chart for tests and screen readers. */
  id: string;
  title: string;
  /** Start of each point's period (YYYY-MM-DD), one per point. */
  periods: string[];
  series: Series[];
}

const HEIGHT = 220;

/**
 * A time series drawn by uPlot on a canvas, with the same numbers as a table a screen reader (or a
 * curious user) can open. The chart is rebuilt when the data changes and resized with its box.
 */
export function LineChart({ id, title, periods, series }: LineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const xs = periods.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: Math.max(300, element.clientWidth),
        height: HEIGHT,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: periods.length <= 40 } }))],
        axes: [{}, { values: (_u: uPlot, ticks: number[]) => ticks.map(formatCount), size: 60 }],
        legend: { live: false },
      },
      [xs, ...series.map((s) => s.values)],
      element,
    );
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(300, element.clientWidth), height: HEIGHT }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
    // Rebuilt when the numbers change, not on every render of the view around it.
  }, [JSON.stringify([periods, series])]);

  return (
    <figure class="chart" data-chart={id} data-points={periods.length} data-series={series.length}>
      <figcaption>{title}</figcaption>
      <div ref={box} class="chart-canvas" role="img" aria-label={`${title}: chart of ${periods.length} points`} />
      <details>
        <summary>Data</summary>
        <table>
          <thead>
            <tr>
              <th>period</th>
              {series.map((s) => (
                <th key={s.label}>{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((period, i) => (
              <tr key={period}>
                <td>{period}</td>
                {series.map((s) => (
                  <td key={s.label}>{formatCount(s.values[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
