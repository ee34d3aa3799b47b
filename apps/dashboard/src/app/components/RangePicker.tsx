import { lastDays, PRESETS, type DayRange } from "../range.js";
import { navigate, withParams, type Route } from "../route.js";

/** The days every view covers: the last 7, 30 or 90 full days, or any two dates. */
export function RangePicker({ route, range }: { route: Route; range: DayRange }) {
  const set = (next: DayRange) => navigate(route.path, withParams(route.params, { from: next.from, to: next.to, offset: undefined }));
  return (
    <form class="range" onSubmit={(event) => event.preventDefault()} aria-label="Date range">
      {PRESETS.map((days) => {
        const preset = lastDays(days);
        const active = preset.from === range.from && preset.to === range.to;
        return (
          <button type="button" key={days} aria-pressed={active} onClick={() => set(preset)}>
            Last {days} days
          </button>
        );
      })}
      <label>
        From <input type="date" name="from" value={range.from} max={range.to} onChange={(e) => e.currentTarget.value && set({ ...range, from: e.currentTarget.value })} />
      </label>
      <label>
        to <input type="date" name="to" value={range.to} min={range.from} onChange={(e) => e.currentTarget.value && set({ ...range, to: e.currentTarget.value })} />
      </label>
    </form>
  );
}
