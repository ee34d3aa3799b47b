import { editJson, pathOf, type Bend, type ProxiedResponse } from "./proxy.js";

/** The three token counters of Agno's `token_metrics` that every AgentOS version writes. */
const CORE_TOKENS = ["input_tokens", "output_tokens", "total_tokens"];

// The bodies are untyped JSON on purpose: the bend edits whatever shape the response has.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const trimTokens = (row: Json) => {
  row.token_metrics = Object.fromEntries(Object.entries(row.token_metrics ?? {}).filter(([key]) => CORE_TOKENS.includes(key)));
};

/**
 * A server that follows the source systems' documents but none of this contract's own decisions
 * where those are stricter: in front of the reference server, it answers as the seeds allow.
 * - Agno AgentOS: `token_metrics` is an open object; this one carries only input, output and total
 *   (the contract decided on all nine counters: `agentos-token-counters`).
 * - Autoposting: `AgentRun` lists its fields without `required`; this one leaves `error` out of a
 *   run that has none (the contract decided every field is present: `agents-fields-present`).
 * - Aster Agents: the error body is undocumented; this one answers its errors as `{ message }`
 *   (the contract decided on `{ error, message }`: `dashboard-error-body`).
 */
export const seedFaithful: Bend = {
  response: (res: ProxiedResponse, req) => {
    const path = pathOf(req);
    if (res.status === 200 && (path === "/metrics" || path === "/metrics/refresh")) {
      return editJson(res, (body: Json) => (Array.isArray(body) ? body : body.metrics).forEach(trimTokens));
    }
    if (res.status === 200 && /^\/agents\/[^/]+\/runs/.test(path)) {
      return editJson(res, (body: Json) => {
        const runs: Json[] = Array.isArray(body.data?.runs) ? body.data.runs : [body.data];
        for (const run of runs) if (run && run.error === null) delete run.error;
      });
    }
    if (res.status >= 400 && path === "/api/dashboard/getStats") return editJson(res, (body: Json) => ({ message: body.message }));
    return res;
  },
};
