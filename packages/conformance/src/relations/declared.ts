import { listOperations, operationPointer, type OpenApiDocument, type Operation } from "@agent-analytics/contract";

/** One read of a relation: an operation and its parameters, which may hold `{today}`-style tokens. */
export interface RelationRead {
  operationId: string;
  path?: Record<string, string>;
  query?: Record<string, string>;
}

/** A relation between what operations report, as declared under an operation's `x-relations`. */
export interface Relation {
  id: string;
  description?: string;
  /** Named reads; each name is a root of `expr`, bound to that read's response body. */
  reads: Record<string, RelationRead>;
  expr: string;
}

/** The relations an operation declares, with the JSON pointer of each. */
export function relationsOf(op: Operation): { relation: Relation; pointer: string }[] {
  const list = (op.object["x-relations"] as Relation[] | undefined) ?? [];
  return list.map((relation, i) => ({ relation, pointer: `${operationPointer(op)}/x-relations/${i}` }));
}

/** Every operation that declares relations. */
export function operationsWithRelations(doc: OpenApiDocument): Operation[] {
  return listOperations(doc).filter((op) => relationsOf(op).length > 0);
}

const DAY = 86_400_000;

/**
 * Fills a declared value: `{today}` is today's UTC date, `{today-7d}` seven days before it, and
 * `{agentId}` (any other name) an id the kit knows. Undefined when a name is unknown.
 */
export function fillToken(value: string, today: number, ids: Record<string, string | undefined>): string | undefined {
  let missing = false;
  const filled = value.replace(/\{([A-Za-z]+)(?:-(\d+)d)?\}/g, (_m, name: string, days?: string) => {
    if (name === "today") return new Date(today - Number(days ?? 0) * DAY).toISOString().slice(0, 10);
    const known = ids[name];
    if (known === undefined) missing = true;
    return known ?? "";
  });
  return missing ? undefined : filled;
}
