import type { OpenApiDocument } from "../document.js";
import { inputRules } from "../input-rules.js";
import type { Operation } from "../operations.js";
import type { RawRequest, RequestIssue } from "../request.js";
import type { InputPolicy } from "./input-policy.js";

/** Issues past this many are not listed: one is enough to refuse, a few help to fix. */
const MAX_ISSUES = 20;

/**
 * The contract's forbidden characters (`x-input-rules.text.forbidden`), checked in every string of
 * a request: path segments, query values, the operation's header parameters, and the body's strings
 * and object keys at any depth. Each issue names where (parameter or JSON pointer) and what
 * (the first forbidden character, as a code point).
 */
export function forbiddenTextPolicy(doc: OpenApiDocument): InputPolicy | undefined {
  const forbidden = inputRules(doc).forbiddenText;
  if (!forbidden) return undefined;
  const describe = (text: string) => {
    const found = forbidden.exec(text);
    if (!found) return undefined;
    const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return `must not hold U+${code}${code === "0000" ? " (NUL)" : " (a lone surrogate)"} at character ${found.index}`;
  };
  return {
    name: "forbidden-text",
    check(request: RawRequest, operation: Operation): RequestIssue[] {
      const issues: RequestIssue[] = [];
      const add = (issue: RequestIssue) => issues.length < MAX_ISSUES && issues.push(issue);
      const values = (source: Record<string, string | string[] | undefined>) =>
        Object.entries(source).flatMap(([name, value]) => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => [name, v] as const)));
      for (const [name, value] of values(request.pathParams)) {
        const problem = describe(value);
        if (problem) add({ in: "path", name, message: problem });
      }
      for (const [name, value] of values(request.query)) {
        const problem = describe(value) ?? (describe(name) && `(its name) ${describe(name)}`);
        if (problem) add({ in: "query", name: JSON.stringify(name).slice(1, -1), message: problem });
      }
      for (const param of operation.parameters.filter((p) => p.in === "header")) {
        for (const [, value] of values({ [param.name]: request.headers[param.name.toLowerCase()] })) {
          const problem = describe(value);
          if (problem) add({ in: "header", name: param.name, message: problem });
        }
      }
      walk(request.body, "", (pointer, text, isKey) => {
        const problem = describe(text);
        if (problem) add({ in: "body", name: pointer, message: isKey ? `(a key) ${problem}` : problem });
        return issues.length < MAX_ISSUES;
      });
      return issues;
    },
  };
}

/**
 * Visits every string of a JSON value (keys too) with its JSON pointer, while `visit` returns true.
 * Iterative: a body nested thousands deep must not overflow the stack.
 */
function walk(root: unknown, rootPointer: string, visit: (pointer: string, text: string, isKey: boolean) => boolean): void {
  const stack: [unknown, string][] = [[root, rootPointer]];
  while (stack.length > 0) {
    const [value, pointer] = stack.pop()!;
    if (typeof value === "string") {
      if (!visit(pointer, value, false)) return;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${pointer}/${i}`]);
    } else if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        const at = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        if (!visit(at, key, true)) return;
        stack.push([item, at]);
      }
    }
  }
}
