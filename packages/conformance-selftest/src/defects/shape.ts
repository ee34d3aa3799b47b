import { editJson, pathOf, type Defect } from "../proxy.js";

/** Defects in what a response looks like: envelope, fields, types, media type. */
export const shapeDefects: Defect[] = [
  {
    name: "wrong-envelope",
    description: "agent stats come as { ok, result } instead of the module's { success, data } envelope",
    caughtBy: "agents.getAgentStats.envelope",
    classes: ["agents", "ingest"],
    response: (res, req) =>
      /^\/agents\/[^/]+\/stats$/.test(pathOf(req)) && res.status === 200
        ? editJson(res, (body) => ({ ok: body.success, result: body.data }))
        : res,
  },
  {
    name: "missing-required-field",
    description: "a run is returned without its required completedAt",
    caughtBy: "agents.getAgentRun.response-schema",
    classes: ["agents", "ingest"],
    response: (res, req) =>
      /^\/agents\/[^/]+\/runs\/[^/]+$/.test(pathOf(req)) && res.status === 200
        ? editJson(res, (body) => {
            delete body.data.completedAt;
          })
        : res,
  },
  {
    name: "wrong-type",
    description: "dashboard conversationCount is a string",
    caughtBy: "dashboard.getDashboardStats.response-schema",
    classes: ["dashboard", "ingest"],
    response: (res, req) =>
      pathOf(req) === "/api/dashboard/getStats" && res.status === 200
        ? editJson(res, (body) => {
            body.conversationCount = String(body.conversationCount);
          })
        : res,
  },
  {
    name: "wrong-content-type",
    description: "analytics snapshots are served as text/plain",
    caughtBy: "analytics.getAnalyticsSnapshots.content-type",
    classes: ["analytics", "ingest"],
    response: (res, req) =>
      pathOf(req) === "/analytics/snapshots" ? { ...res, headers: { ...res.headers, "content-type": "text/plain" } } : res,
  },
];
