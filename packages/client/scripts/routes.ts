import {
  compileInvariant,
  deref,
  listOperations,
  type Invariant,
  type Node,
  type OpenApiDocument,
  type Operation,
  type SchemaObject,
  type SecurityScheme,
} from "@agent-analytics/contract";
import type { OperationRoute } from "../src/route.js";

/** The run-time route of every operation of the document, by operationId, in document order. */
export function operationRoutes(doc: OpenApiDocument): Record<string, OperationRoute> {
  return Object.fromEntries(listOperations(doc).map((op) => [op.operationId, routeOf(doc, op)]));
}

function routeOf(doc: OpenApiDocument, op: Operation): OperationRoute {
  const statuses = Object.keys(op.responses).map((status) => {
    // The client types results by numeric status; a range or `default` needs a design, not a guess.
    if (!/^\d{3}$/.test(status)) throw new Error(`${op.operationId}: response '${status}' is not a numeric status`);
    // Every call's body is parsed as JSON: a response without JSON content needs a design too.
    const media = Object.keys(op.responses[status]!.content ?? {});
    if (!media.some((type) => /^application\/(.+\+)?json$/.test(type))) {
      throw new Error(`${op.operationId}: response ${status} declares no JSON content`);
    }
    return Number(status);
  });
  return {
    module: op.conformanceClass,
    method: op.method,
    path: op.path,
    statuses,
    credential: credentialOf(doc, op),
    errorFields: errorFieldsOf(doc, op),
    paging: pagingOf(op),
  };
}

function credentialOf(doc: OpenApiDocument, op: Operation): OperationRoute["credential"] {
  const name = Object.keys(op.security[0] ?? {})[0];
  if (name === undefined) return null;
  const scheme = doc.components.securitySchemes?.[name] as SecurityScheme | undefined;
  if (scheme?.type === "http" && scheme.scheme.toLowerCase() === "bearer") return { header: "Authorization", prefix: "Bearer " };
  if (scheme?.type === "apiKey" && scheme.in === "header") return { header: scheme.name, prefix: "" };
  throw new Error(`${op.operationId}: security scheme '${name}' is neither http bearer nor an apiKey header`);
}

/** The paths of `{{message}}` and `{{code}}` in the error template of the operation's error responses. */
function errorFieldsOf(doc: OpenApiDocument, op: Operation): OperationRoute["errorFields"] {
  const found = new Set<string>();
  for (const [status, response] of Object.entries(op.responses)) {
    if (!/^[45]/.test(status)) continue;
    for (const media of Object.values(response.content ?? {})) {
      if (!media.schema) continue;
      const template = deref<SchemaObject>(doc, media.schema)["x-error-template"] as { body: unknown } | undefined;
      if (template) found.add(JSON.stringify({ message: placeholder(template.body, "{{message}}"), code: placeholder(template.body, "{{code}}") }));
    }
  }
  if (found.size > 1) throw new Error(`${op.operationId}: its error responses declare different error templates`);
  const [only] = found;
  return only === undefined ? null : (JSON.parse(only) as OperationRoute["errorFields"]);
}

/** The path of the string that is exactly `marker` in a template body. */
function placeholder(node: unknown, marker: string, at: string[] = []): string[] | null {
  if (node === marker) return at;
  if (typeof node !== "object" || node === null || Array.isArray(node)) return null;
  for (const [key, value] of Object.entries(node)) {
    const path = placeholder(value, marker, [...at, key]);
    if (path) return path;
  }
  return null;
}

function pagingOf(op: Operation): OperationRoute["paging"] {
  const success = Object.entries(op.responses).find(([status]) => /^2/.test(status))?.[1];
  const invariants = (success?.["x-invariants"] ?? []) as Invariant[];
  for (const invariant of invariants) {
    const paging = matchPagingLaw(compileInvariant(invariant.expr));
    if (paging) return paging;
  }
  return null;
}

/** `len(body.I) == max(0, min(query.L, body.T - query.O))`, with its parts, or null. */
export function matchPagingLaw(node: Node): NonNullable<OperationRoute["paging"]> | null {
  if (node.kind !== "binary" || node.operator !== "==") return null;
  const { left, right } = node;
  if (left.kind !== "call" || left.name !== "len" || left.args.length !== 1) return null;
  if (right.kind !== "call" || right.name !== "max" || right.args.length !== 2) return null;
  const [zero, min] = right.args;
  if (zero?.kind !== "literal" || zero.value !== 0 || min?.kind !== "call" || min.name !== "min" || min.args.length !== 2) return null;
  const [limit, remaining] = min.args;
  if (remaining?.kind !== "binary" || remaining.operator !== "-") return null;
  const items = memberPath(left.args[0]!, "body");
  const total = memberPath(remaining.left, "body");
  const limitName = memberPath(limit!, "query");
  const offsetName = memberPath(remaining.right, "query");
  if (!items || !total || limitName?.length !== 1 || offsetName?.length !== 1) return null;
  return { items, total, limit: limitName[0]!, offset: offsetName[0]! };
}

/** `root.a.b` -> `["a", "b"]`; anything else -> null. */
function memberPath(node: Node, root: string): string[] | null {
  if (node.kind === "identifier") return node.name === root ? [] : null;
  if (node.kind !== "member") return null;
  const parent = memberPath(node.object, root);
  return parent ? [...parent, node.property] : null;
}
