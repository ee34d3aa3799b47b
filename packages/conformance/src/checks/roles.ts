import { listOperations, operationPointer, requiredRole, type Operation } from "@agent-analytics/contract";
import type { Exchange } from "../http.js";
import { describeResponse, Skip, Verdict, type Requirement } from "../requirement.js";
import type { RunContext } from "../run-context.js";
import { expectError } from "./error-format.js";

/**
 * Keys whose role an operation's `x-required-role` refuses: checked with the run's token, which
 * `--write-token` marks as a key that may not write (a member's), against the write key.
 */
export const ROLES_CLASS = "roles";

type Send = () => Promise<Exchange>;

/**
 * How to see that a refused call changed nothing, per write the contract declares: each sends the
 * refused call itself, reading what it needs around it. An operation not listed here is checked for
 * its 403 alone.
 */
const UNCHANGED: Record<string, (ctx: RunContext, operation: Operation, send: Send, verdict: Verdict) => Promise<Exchange>> = {
  // The refused batch is re-sent with the write key: every record must be accepted, none a duplicate.
  async ingestBatch(ctx, operation, send, verdict) {
    const refused = await send();
    if (refused.response?.status !== 403) return refused;
    const again = await ctx.client.call(operation, { body: refused.request.body });
    const counts = (again.response?.body ?? {}) as { accepted?: { total?: number }; duplicates?: { total?: number } };
    verdict.check(
      again.response?.status === 200 && counts.duplicates?.total === 0 && (counts.accepted?.total ?? 0) > 0,
      again,
      `the refused batch, re-sent with --write-token: ${describeResponse(again)}, duplicates ${String(counts.duplicates?.total)}: the refused batch was stored`,
      "200 with every record accepted and none a duplicate (nothing of the refused batch was stored)",
      [`${operationPointer(operation)}/x-required-role`],
    );
    return refused;
  },
  // The refresh status is read before and after: a refused refresh leaves it as it was.
  async refresh_metrics(ctx, operation, send, verdict) {
    const status = ctx.op("get_metrics_refresh_status");
    const before = await ctx.client.call(status);
    const refused = await send();
    const after = await ctx.client.call(status);
    verdict.check(
      before.response?.status === 200 && after.response?.status === 200 && JSON.stringify(after.response.body) === JSON.stringify(before.response.body),
      after,
      `the refresh status changed across a refused refresh: ${JSON.stringify(before.response?.body)} before, ${JSON.stringify(after.response?.body)} after`,
      "the same refresh status before and after (nothing was recomputed)",
      [`${operationPointer(operation)}/x-required-role`],
    );
    return refused;
  },
};

/** `roles.<operationId>.member-refused`, for every operation that declares `x-required-role`. */
export function rolesRequirement(operation: Operation): Requirement | undefined {
  const role = requiredRole(operation);
  if (role === undefined) return undefined;
  const at = operationPointer(operation);
  return {
    id: `${ROLES_CLASS}.${operation.operationId}.member-refused`,
    class: ROLES_CLASS,
    module: operation.conformanceClass,
    operationId: operation.operationId,
    title: `${operation.operationId} answers a key without the ${role} role 403 in the module's error format, and changes nothing`,
    specRef: `${at}/x-required-role`,
    phase: "probe",
    rules: [{ module: operation.conformanceClass, address: `${at}/x-required-role` }],
    async run(ctx) {
      await expectRefusedRole(ctx, operation, role);
      const sample = ctx.sampleCall(operation);
      if (typeof sample === "string") throw new Skip(sample);
      const verdict = new Verdict();
      const send: Send = () => ctx.client.call(operation, { ...sample, auth: { bearer: ctx.options.token } });
      const witness = UNCHANGED[operation.operationId];
      const refused = witness ? await witness(ctx, operation, send, verdict) : await send();
      expectError(ctx, operation, refused, 403, `--token (a key without the ${role} role)`, verdict);
      return verdict.outcome();
    },
  };
}

/**
 * The token must be a key the operation refuses: where the server says who a key acts for, a
 * token with the required role cannot show the refusal, and the requirement cannot be checked.
 */
async function expectRefusedRole(ctx: RunContext, operation: Operation, role: string): Promise<void> {
  const says = listOperations(ctx.doc).find((op) => op.operationId === "getIngestContext");
  const context = says ? await ctx.client.call(says) : undefined;
  const held = context?.response?.status === 200 ? (context.response.body as { role?: unknown }).role : undefined;
  if (held === role) {
    throw new Skip(`--token has the ${role} role, which ${operation.operationId} allows: the roles class needs a --token without it (a member's) and an admin --write-token of the same organisation`);
  }
}
