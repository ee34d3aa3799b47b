import { MockEngine } from "./engine.ts";
const e = new MockEngine({ now: Date.UTC(2026, 2, 1) });
await e.warm();
const paths = ["/agents/agent_01HXYZ/runs?limit=20", "/analytics/metrics?period=day&startDate=2026-02-01&endDate=2026-02-15", "/metrics?starting_date=2026-02-01&ending_date=2026-02-07", "/api/dashboard/getStats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z"];
for (const p of paths) {
  const n = 200;
  const t = performance.now();
  let r;
  for (let i = 0; i < n; i++) r = e.handle({ method: "GET", url: p, headers: { authorization: "Bearer x", "x-api-key": "k" } });
  console.log(p.slice(0, 30), ((performance.now() - t) / n).toFixed(2), "ms/req", r!.status, r!.body.length);
}
