import { editJson, pathOf, type Defect, type ProxiedRequest, type ProxiedResponse } from "../proxy.js";

const crash = (): ProxiedResponse => ({ status: 500, headers: { "content-type": "text/plain" }, body: Buffer.from("internal error") });
const query = (req: ProxiedRequest) => new URL(req.url, "http://proxy").searchParams;

/** Defects only generated requests find: failures on input no fixed probe sends. */
export const generatedDefects: Defect[] = [
  {
    name: "server-error-on-hostile-string",
    description: "the rolling window fails (500) when the assistant filter holds a quote, as a query built by string concatenation would",
    caughtBy: "analytics.getAnalyticsRolling.hostile-input",
    classes: ["analytics"],
    request: (req) => (pathOf(req) === "/analytics/rolling" && /['"]/.test(query(req).get("assistant") ?? "") ? crash() : req),
  },
  {
    name: "server-error-on-date-edge",
    description: "the dashboard fails (500) on dates its formats allow at the edges: the year 9999, a leap second",
    caughtBy: "dashboard.getDashboardStats.generated-valid",
    classes: ["dashboard"],
    request: (req) => {
      if (pathOf(req) !== "/api/dashboard/getStats") return req;
      const dates = [query(req).get("from") ?? "", query(req).get("to") ?? ""];
      return dates.some((d) => d.startsWith("9999-") || /:60(\.\d+)?(Z|[+-])/i.test(d)) ? crash() : req;
    },
  },
  {
    name: "server-error-on-malformed-json",
    description: "ingest fails (500) on a body that is not JSON instead of answering the module's 400",
    caughtBy: "ingest.ingestBatch.generated-invalid",
    classes: ["ingest"],
    request: (req) => {
      if (req.method !== "POST" || pathOf(req) !== "/ingest/batch") return req;
      try {
        JSON.parse(req.body.toString("utf8"));
        return req;
      } catch {
        return crash();
      }
    },
  },
  {
    name: "offset-on-relative-window",
    description: "the unfiltered overview adds a constant 5 tasks initiated (total kept the sum of its parts), which before/after differences cancel out",
    caughtBy: "analytics.getAnalyticsOverview.relations",
    classes: ["analytics", "ingest"],
    response: (res, req) =>
      pathOf(req) === "/analytics/overview" && res.status === 200 && !query(req).has("assistant")
        ? editJson(res, (body) => {
            body.data.events.tasksInitiated += 5;
            body.data.events.total += 5;
          })
        : res,
  },
  {
    name: "ignores-x-api-key",
    description: "the x-api-key header form is not recognised: such requests are answered as unauthenticated",
    caughtBy: "agents.getAgentStats.auth-api-key",
    classes: ["agents", "ingest"],
    request: (req) => {
      if (!req.headers["x-api-key"]) return req;
      const headers = { ...req.headers };
      delete headers["x-api-key"];
      return { ...req, headers };
    },
  },
  {
    name: "relation-break",
    description: "agent stats count one more failed run than the runs list holds (every invariant of the stats still holds)",
    caughtBy: "agents.getAgentStats.relations",
    classes: ["agents", "ingest"],
    response: (res, req) =>
      /^\/agents\/[^/]+\/stats$/.test(pathOf(req)) && res.status === 200
        ? editJson(res, (body) => {
            body.data.failedRuns += 1;
            body.data.totalRuns += 1;
          })
        : res,
  },
];

/** Variations a conformant server may show: the kit must pass them, with nothing skipped. */
export const conformantVariations: Defect[] = [
  {
    name: "extra-property",
    description: "every JSON object answered with 200 carries one more property, which the schemas allow (a vendor's figure, not 0)",
    caughtBy: "",
    classes: ["agents", "agentos", "dashboard", "analytics", "ingest", "figures", "isolation"],
    needsSecondKey: true,
    response: (res) =>
      res.status === 200
        ? editJson(res, (body) => {
            if (typeof body === "object" && body !== null && !Array.isArray(body)) body.vendorScore = 7;
            if (body?.data && typeof body.data === "object" && !Array.isArray(body.data)) body.data.vendorScore = 7;
          })
        : res,
  },
];
