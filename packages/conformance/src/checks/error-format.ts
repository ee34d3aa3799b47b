import { checkResponse, operationPointer, requestWithDefaults, type Operation } from "@agent-analytics/contract";
import type { Exchange } from "../http.js";
import { describeResponse, type Verdict } from "../requirement.js";
import type { RunContext } from "../run-context.js";

/**
 * Expects exactly `status`, with a body valid against the schema the operation documents for it.
 * A wrong status breaks the rule of that status (or, for a 401 answered with a success, the
 * operation's security); a body in another format, the rules of its schema.
 */
export function expectError(ctx: RunContext, operation: Operation, ex: Exchange, status: number, what: string, verdict: Verdict): boolean {
  const at = operationPointer(operation);
  const served = ex.response !== undefined && ex.response.status < 300;
  const statusRule = status === 401 && served ? `${at}/security` : `${at}/responses/${status}`;
  if (!verdict.check(ex.response?.status === status, ex, `${what}: answered ${describeResponse(ex)}`, `${status} in the module's error format`, [statusRule])) return false;
  const check = checkResponse(ctx.doc, ctx.validator, operation, requestWithDefaults(ctx.doc, operation, {}), {
    status,
    contentType: ex.response!.headers["content-type"],
    body: ex.response!.body,
  });
  const issues = check.schemaIssues.map((i) => `${i.pointer || "/"} ${i.message}`).join("; ");
  return verdict.check(
    check.contentTypeDocumented && check.schemaIssues.length === 0,
    ex,
    `${what}: the ${status} body is not in the module's error format${issues ? ` (${issues})` : ""}`,
    `a body valid against the documented ${status} schema`,
    check.schemaIssues.length ? check.schemaIssues.flatMap((i) => (i.rule ? [i.rule] : [])) : [`${at}/responses/${status}`],
  );
}
