import { editJson, pathOf, type Defect, type ProxiedRequest } from "../proxy.js";

const REFERENCE_FIELDS = new Set(["id", "agentId", "sessionId", "userId", "messageId", "knowledgeBaseId"]);

/** Renames every id and reference in a batch, so a re-sent batch stores a second copy of everything. */
function renameIds(node: unknown, suffix: string): unknown {
  if (Array.isArray(node)) return node.map((item) => renameIds(item, suffix));
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      REFERENCE_FIELDS.has(key) && typeof value === "string" ? `${value}${suffix}` : renameIds(value, suffix),
    ]),
  );
}

function bearer(req: ProxiedRequest): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === "string" ? /^Bearer\s+(\S+)/i.exec(header) : null;
  return match?.[1] ?? (typeof req.headers["x-api-key"] === "string" ? req.headers["x-api-key"] : undefined);
}

/** Defects in the data itself: figures, ingest semantics, tenancy. */
export const dataDefects: Defect[] = [
  {
    name: "wrong-figure",
    description: "dashboard messageCount counts one message too many whenever there are messages",
    caughtBy: "figures.getDashboardStats.figures",
    classes: ["dashboard", "ingest", "figures"],
    response: (res, req) =>
      pathOf(req) === "/api/dashboard/getStats" && res.status === 200
        ? editJson(res, (body) => {
            if (body.messageCount > 0) body.messageCount += 1;
          })
        : res,
  },
  {
    name: "non-idempotent-ingest",
    description: "a re-sent batch is stored again under new ids instead of being reported as duplicates",
    caughtBy: "ingest.ingestBatch.idempotent",
    classes: ["agents", "dashboard", "ingest"],
    request: (req, { state }) => {
      if (req.method !== "POST" || pathOf(req) !== "/ingest/batch") return req;
      const key = req.body.toString("utf8");
      const seen = (state.get("batches") as Map<string, number> | undefined) ?? new Map<string, number>();
      state.set("batches", seen);
      const times = seen.get(key) ?? 0;
      seen.set(key, times + 1);
      if (times === 0) return req;
      let parsed: unknown;
      try {
        parsed = JSON.parse(key);
      } catch {
        return req;
      }
      return { ...req, body: Buffer.from(JSON.stringify(renameIds(parsed, `_copy${times}`))) };
    },
  },
  {
    name: "leak-across-organisations",
    description: "the second organisation's key is served the first organisation's data",
    caughtBy: "isolation.getAgentStats.no-leak",
    classes: ["agents", "dashboard", "ingest", "isolation"],
    needsSecondKey: true,
    request: (req, { tokenA, tokenB }) => {
      if (!tokenB || bearer(req) !== tokenB || (req.method === "POST" && pathOf(req) === "/ingest/batch")) return req;
      const headers: ProxiedRequest["headers"] = { ...req.headers, authorization: `Bearer ${tokenA}` };
      delete headers["x-api-key"];
      return { ...req, headers };
    },
  },
];

