import { describe, expect, it } from "vitest";
import { fillDays } from "./fill-days.js";

describe("fillDays", () => {
  it("puts each row on its day and leaves days without one empty", () => {
    const rows = [{ date: "2026-02-02T00:00:00", n: 2 }, { date: "2026-02-04T00:00:00", n: 4 }];
    expect(fillDays(["2026-02-01", "2026-02-02", "2026-02-03", "2026-02-04"], rows, (r) => r.date)).toEqual([undefined, rows[0], undefined, rows[1]]);
  });

  it("ignores rows outside the days asked for", () => {
    expect(fillDays(["2026-02-01"], [{ date: "2026-01-31T00:00:00" }], (r) => r.date)).toEqual([undefined]);
  });
});
