import { differences } from "../compare.js";
import type { Call, Exchange, HttpClient } from "../http.js";
import { describeResponse, type Verdict } from "../requirement.js";
import type { RunContext } from "../run-context.js";

/**
 * Sends one read and compares the figures it returns with the oracle's. `pick` selects the part
 * of the body the oracle computes (`data` inside an envelope).
 */
export async function expectFigures(
  ctx: RunContext,
  verdict: Verdict,
  operationId: string,
  call: Call,
  expected: unknown,
  pick: (body: unknown) => unknown = (b) => b,
  client: HttpClient = ctx.client,
): Promise<Exchange> {
  const ex = await client.call(ctx.op(operationId), call);
  if (!verdict.check(ex.response?.status === 200, ex, `answered ${describeResponse(ex)}`, "200 with the figures of the loaded records")) return ex;
  let actual: unknown;
  try {
    actual = pick(ex.response!.body);
  } catch {
    actual = undefined;
  }
  const diffs = differences(expected, actual);
  if (diffs.length) {
    verdict.fail(ex, `${diffs.length} figure(s) differ: ${diffs.slice(0, 6).join("; ")}${diffs.length > 6 ? "; ..." : ""}`, JSON.stringify(expected));
  }
  return ex;
}

export const data = (body: unknown) => (body as { data: unknown }).data;
