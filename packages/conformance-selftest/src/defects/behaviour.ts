import { editJson, pathOf, type Defect } from "../proxy.js";

/** Defects in how a server behaves: auth, errors, honouring parameters, declared relations. */
export const behaviourDefects: Defect[] = [
  {
    name: "no-credentials-needed",
    description: "requests without credentials are answered as if they carried a valid key",
    caughtBy: "agents.listAgentRuns.auth-missing",
    classes: ["agents", "ingest"],
    request: (req, { tokenA }) =>
      req.headers.authorization || req.headers["x-api-key"]
        ? req
        : { ...req, headers: { ...req.headers, authorization: `Bearer ${tokenA}` } },
  },
  {
    name: "server-error-on-bad-input",
    description: "the event log answers invalid parameters with 500 instead of the module's 400",
    caughtBy: "analytics.listAnalyticsEvents.not-a-server-error",
    classes: ["analytics", "ingest"],
    response: (res, req) =>
      pathOf(req) === "/analytics/events" && res.status >= 400 && res.status < 500 && res.status !== 401
        ? { status: 500, headers: { "content-type": "text/plain" }, body: Buffer.from("TypeError: cannot read properties of undefined") }
        : res,
  },
  {
    name: "total-not-sum-of-parts",
    description: "overview's events.total is one more than the sum of the four event counts",
    caughtBy: "analytics.getAnalyticsOverview.invariants",
    classes: ["analytics", "ingest"],
    response: (res, req) =>
      pathOf(req) === "/analytics/overview" && res.status === 200
        ? editJson(res, (body) => {
            body.data.events.total += 1;
          })
        : res,
  },
  {
    name: "ignored-date-range",
    description: "GET /metrics ignores starting_date and ending_date and returns every row",
    caughtBy: "agentos.get_metrics.invariants",
    classes: ["agentos", "ingest"],
    request: (req) => {
      const url = new URL(req.url, "http://proxy");
      if (url.pathname !== "/metrics") return req;
      url.searchParams.delete("starting_date");
      url.searchParams.delete("ending_date");
      return { ...req, url: `${url.pathname}${url.search}` };
    },
  },
  {
    name: "ignored-limit",
    description: "the run list ignores limit and returns the default page size",
    caughtBy: "agents.listAgentRuns.invariants",
    classes: ["agents", "ingest"],
    request: (req) => {
      const url = new URL(req.url, "http://proxy");
      if (!/^\/agents\/[^/]+\/runs$/.test(url.pathname) || !url.searchParams.has("limit")) return req;
      const limit = Number(url.searchParams.get("limit"));
      // Only valid limits are ignored, so the bad-input checks still see a 400.
      if (!(limit >= 1 && limit <= 100)) return req;
      url.searchParams.delete("limit");
      return { ...req, url: `${url.pathname}${url.search}` };
    },
  },
  {
    name: "member-may-write",
    description: "a member's key may ingest and refresh: its writes are served as its organisation's admin's",
    caughtBy: "roles.ingestBatch.member-refused",
    classes: ["ingest", "agentos", "roles"],
    needsMemberKey: true,
    request: (req, { member }) => {
      const write = req.method === "POST" && ["/ingest/batch", "/metrics/refresh"].includes(pathOf(req));
      if (!member || !write || req.headers.authorization !== `Bearer ${member.token}`) return req;
      return { ...req, headers: { ...req.headers, authorization: `Bearer ${member.writeToken}` } };
    },
  },
];
