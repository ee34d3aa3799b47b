import { listOperations, requiresCredentials } from "@agent-analytics/contract";
import { ConformanceStartError } from "./errors.js";
import type { HttpClient } from "./http.js";
import type { RunContext } from "./run-context.js";

/** The server answers at all: otherwise every requirement would fail for one reason. */
export async function checkReachable(baseUrl: string, timeoutMs: number): Promise<void> {
  try {
    const res = await fetch(baseUrl, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new ConformanceStartError(`the server at ${baseUrl} cannot be reached (${cause ?? (error as Error).message})`);
  }
}

/**
 * A wrong key would make every requirement fail for one reason: one secured read of a claimed
 * module, with each key, tells it apart and ends the run with one clear message (exit 2).
 */
export async function checkToken(ctx: RunContext): Promise<void> {
  const op = listOperations(ctx.doc).find(
    (o) => o.method === "get" && requiresCredentials(o) && ctx.claimed.has(o.conformanceClass) && typeof ctx.sampleCall(o) !== "string",
  );
  if (!op) return;
  const sample = ctx.sampleCall(op);
  if (typeof sample === "string") return;
  const keys: [string, HttpClient | undefined][] = [["--token", ctx.client], ["--token-b", ctx.clientB]];
  for (const [option, client] of keys) {
    if (!client) continue;
    const ex = await client.call(op, sample);
    if (ex.response?.status === 401) {
      throw new ConformanceStartError(`the server rejected the token (401): ${option} on ${op.method.toUpperCase()} ${op.path}`);
    }
  }
}
