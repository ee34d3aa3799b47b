import type { Node } from "@agent-analytics/contract";

/** The identifier a list element is bound to when an expression over `xs[*]` is read per element. */
export const ITEM = "$item";

/**
 * An expression over a whole list, read as "a list, and what is computed from each element":
 * `date(body.metrics[*].date)` -> list `body.metrics`, per element `date($item.date)`;
 * `map(body.data, a => a.x + a.y)` and `sum(xs, b => ...)` likewise with their lambda.
 * Sorting, uniqueness, extremes and sums are all solved element by element through this view.
 */
export interface ListView {
  list: Node;
  param: string;
  item: Node;
}

export function listView(node: Node): ListView | undefined {
  if (node.kind === "call" && node.args.length === 2 && node.args[1]!.kind === "lambda") {
    const lambda = node.args[1] as Extract<Node, { kind: "lambda" }>;
    return { list: node.args[0]!, param: lambda.param, item: lambda.body };
  }
  if (node.kind === "call" && node.args.length === 1 && ["map", "sum", "distinct", "min", "max"].includes(node.name)) {
    return listView(node.args[0]!);
  }
  const wildcard = findWildcard(node);
  if (!wildcard) return undefined;
  return { list: wildcard.object, param: ITEM, item: replaceNode(node, wildcard, { kind: "identifier", name: ITEM }) };
}

function findWildcard(node: Node): Extract<Node, { kind: "wildcard" }> | undefined {
  if (node.kind === "wildcard") return node;
  for (const child of children(node)) {
    const found = findWildcard(child);
    if (found) return found;
  }
  return undefined;
}

export function children(node: Node): Node[] {
  switch (node.kind) {
    case "list":
      return node.items;
    case "member":
    case "index":
    case "wildcard":
      return [node.object];
    case "unary":
      return [node.operand];
    case "binary":
      return [node.left, node.right];
    case "conditional":
      return [node.test, node.then, node.otherwise];
    case "call":
      return node.args;
    case "lambda":
      return [node.body];
    default:
      return [];
  }
}

function replaceNode(node: Node, target: Node, replacement: Node): Node {
  if (node === target) return replacement;
  const r = (n: Node) => replaceNode(n, target, replacement);
  switch (node.kind) {
    case "list":
      return { ...node, items: node.items.map(r) };
    case "member":
    case "index":
    case "wildcard":
      return { ...node, object: r(node.object) };
    case "unary":
      return { ...node, operand: r(node.operand) };
    case "binary":
      return { ...node, left: r(node.left), right: r(node.right) };
    case "conditional":
      return { ...node, test: r(node.test), then: r(node.then), otherwise: r(node.otherwise) };
    case "call":
      return { ...node, args: node.args.map(r) };
    case "lambda":
      return { ...node, body: r(node.body) };
    default:
      return node;
  }
}

/** Whether the expression reads a name at all (e.g. `len`, a request root). */
export function mentions(node: Node, test: (n: Node) => boolean): boolean {
  return test(node) || children(node).some((c) => mentions(c, test));
}

export const isCall = (name: string) => (n: Node) => n.kind === "call" && n.name === name;

/** The operator that holds when `a OP b` does not: `<` <-> `>=`, `<=` <-> `>`. */
export function negateComparison(op: "<" | "<=" | ">" | ">="): "<" | "<=" | ">" | ">=" {
  return ({ "<": ">=", "<=": ">", ">": "<=", ">=": "<" } as const)[op];
}

/** `a OP b` read from the other side: `a < b` is `b > a`. */
export function mirrorComparison(op: "<" | "<=" | ">" | ">="): "<" | "<=" | ">" | ">=" {
  return ({ "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const)[op];
}
