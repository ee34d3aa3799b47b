import type { Node } from "@agent-analytics/contract";
import { children, listView, mirrorComparison, ITEM } from "../expression-tree.js";

/**
 * A list the invariants describe as a calendar series: sorted ascending by a date field and
 * unique by a non-id key (`distinct(date(xs[*].date)) == len(xs)`, `distinct(xs[*].periodKey)`).
 * Such a list is laid out as consecutive periods over the requested range rather than drawn at
 * random, so it has one row per period, as a time-series endpoint does.
 */
export interface SeriesPlan {
  list: Node;
  listKey: string;
  startField: string;
  /** An end-of-period field, when items are intervals (from a `max(...endX) == bound` or its name). */
  endField?: string;
  lower?: Node;
  upper?: Node;
  upperInclusive: boolean;
  /** The first period starts exactly at the lower bound (`min(...) == bound`), not at a boundary. */
  clipStart: boolean;
  clipEnd: boolean;
  /** Expressions an element's field is set equal to: one of them may name the unit (`query.period`). */
  unitCandidates: Node[];
}

const key = (n: Node) => JSON.stringify(n);
const isIdField = (name: string) => name === "id" || /(_id|Id)$/.test(name);

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  children(node).forEach((c) => walk(c, visit));
}

/** A field read off the element in a per-element expression: `date($item.date)` -> "date". */
function elementField(item: Node, param: string): string | undefined {
  let found: string | undefined;
  walk(item, (n) => {
    if (!found && n.kind === "member" && n.object.kind === "identifier" && n.object.name === param) found = n.property;
  });
  return found;
}

function isRequestRooted(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.kind === "identifier" && ["query", "path", "requestBody"].includes(n.name)) found = true;
  });
  return found;
}

/** The calendar series an operation's invariants describe, with their bounds and unit candidates. */
export function planSeries(invariants: Node[]): SeriesPlan[] {
  const plans = new Map<string, SeriesPlan>();
  const uniqueKeys = new Map<string, string>();
  const calls: Extract<Node, { kind: "call" }>[] = [];
  const comparisons: Extract<Node, { kind: "binary" }>[] = [];
  for (const inv of invariants) {
    walk(inv, (n) => {
      if (n.kind === "call") calls.push(n);
      if (n.kind === "binary") comparisons.push(n);
    });
  }
  for (const call of calls) {
    if (call.name !== "distinct") continue;
    const view = listView(call);
    const field = view && elementField(view.item, view.param);
    if (view && field && !isIdField(field)) uniqueKeys.set(key(view.list), field);
  }
  for (const call of calls) {
    if (call.name !== "sorted" || call.args[1]?.kind !== "literal" || call.args[1].value !== "asc") continue;
    const view = listView(call.args[0]!);
    if (!view || view.item.kind !== "call" || view.item.name !== "date") continue;
    const field = elementField(view.item, view.param);
    if (!field || !uniqueKeys.has(key(view.list))) continue;
    plans.set(key(view.list), {
      list: view.list,
      listKey: key(view.list),
      startField: field,
      upperInclusive: false,
      clipStart: false,
      clipEnd: false,
      unitCandidates: [],
    });
  }
  for (const plan of plans.values()) collectBounds(plan, comparisons);
  return [...plans.values()];
}

function collectBounds(plan: SeriesPlan, comparisons: Extract<Node, { kind: "binary" }>[]): void {
  for (const c of comparisons) {
    const sides = [
      [c.left, c.right],
      [c.right, c.left],
    ] as const;
    for (const [a, b] of sides) {
      if (c.operator === "==" && a.kind === "call" && (a.name === "min" || a.name === "max") && isRequestRooted(b)) {
        const view = listView(a.args[0]!);
        if (!view || key(view.list) !== plan.listKey) continue;
        const field = elementField(view.item, view.param);
        if (a.name === "min" && field === plan.startField) Object.assign(plan, { lower: b, clipStart: true });
        if (a.name === "max") Object.assign(plan, { upper: b, clipEnd: true, endField: field !== plan.startField ? field : undefined });
      }
      if (c.operator === "==" && a.kind === "member" && a.object.kind === "identifier" && a.object.name !== ITEM) {
        if (b.kind === "literal" || isRequestRooted(b)) plan.unitCandidates.push(b);
      }
    }
    if (!["<", "<=", ">", ">="].includes(c.operator)) continue;
    const leftBound = isRequestRooted(c.left);
    const subject = leftBound ? c.right : c.left;
    const bound = leftBound ? c.left : c.right;
    if (!isRequestRooted(bound) || isRequestRooted(subject)) continue;
    let field: string | undefined;
    walk(subject, (n) => {
      if (!field && n.kind === "member" && n.object.kind === "identifier") field = n.property;
    });
    if (field !== plan.startField) continue;
    const op = leftBound ? mirrorComparison(c.operator as "<") : c.operator;
    if (op === ">=" || op === ">") plan.lower ??= bound;
    else if (!plan.upper) Object.assign(plan, { upper: bound, upperInclusive: op === "<=" });
  }
}
