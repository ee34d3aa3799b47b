import {
  compileInvariant,
  listOperations,
  responseFor,
  responseSchemaPointer,
  type Invariant,
  type Node,
  type OpenApiDocument,
  type Operation,
  type SchemaObject,
} from "@agent-analytics/contract";
import { planSeries, type SeriesPlan } from "../calendar/series-plan.js";
import { resolveSchema } from "../generate/schema-tools.js";

/** Everything about one documented response that is worked out once, at start-up. */
export interface ResponsePlan {
  doc: OpenApiDocument;
  operation: Operation;
  status: number;
  mediaType: string;
  /** The response's schema, and where the contract's validator finds it; none for a body-less response. */
  schema: SchemaObject | undefined;
  schemaPointer: string | undefined;
  /** The response's `x-invariants`, compiled: they relate the body to the request. */
  operationInvariants: Node[];
  /** Lists laid out as calendar series rather than drawn at random. */
  series: SeriesPlan[];
  /** The array schemas of those series, generated empty since the series replaces their items. */
  seriesArrays: Set<SchemaObject>;
  /** How often each property name appears in the invariants that can reach this response. */
  mentions: Map<string, number>;
}

/** Plans for every operation and documented status of the document, keyed `operationId status`. */
export function planResponses(doc: OpenApiDocument): Map<string, ResponsePlan> {
  const plans = new Map<string, ResponsePlan>();
  for (const operation of listOperations(doc)) {
    for (const status of Object.keys(operation.responses)) {
      if (!/^\d{3}$/.test(status)) continue;
      const plan = planResponse(doc, operation, Number(status));
      if (plan) plans.set(`${operation.operationId} ${status}`, plan);
    }
  }
  return plans;
}

/** The plan of one documented response: its schema, its invariants compiled, the calendar series they describe. */
function planResponse(doc: OpenApiDocument, operation: Operation, status: number): ResponsePlan | undefined {
  const response = responseFor(operation, status);
  if (!response) return undefined;
  const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? ["application/json", undefined];
  const declared = (response["x-invariants"] ?? []) as Invariant[];
  const operationInvariants = declared.map((inv) => compileInvariant(inv.expr));
  const series = planSeries(operationInvariants);
  const seriesArrays = new Set<SchemaObject>();
  for (const s of series) {
    const found = media?.schema ? schemaOfPath(doc, media.schema, s.list) : undefined;
    if (found && found.type === "array") seriesArrays.add(found);
  }
  return {
    doc,
    operation,
    status,
    mediaType,
    schema: media?.schema,
    schemaPointer: media?.schema ? responseSchemaPointer(operation, String(status), mediaType) : undefined,
    operationInvariants,
    series,
    seriesArrays,
    mentions: countMentions(doc, declared),
  };
}

/** The schema a `body.a.b` path designates in the response schema (through `$ref`s). */
function schemaOfPath(doc: OpenApiDocument, schema: SchemaObject, node: Node): SchemaObject | undefined {
  if (node.kind === "identifier") return node.name === "body" ? resolveSchema(doc, schema) : undefined;
  if (node.kind !== "member") return undefined;
  const parent = schemaOfPath(doc, schema, node.object);
  const sub = (parent?.properties as Record<string, unknown> | undefined)?.[node.property];
  return sub ? resolveSchema(doc, sub) : undefined;
}

/**
 * How many invariants mention each word: the operation's own, and every schema's (schemas are
 * shared across operations). When an equation can be solved for several fields, the least
 * mentioned is changed, so fields that other invariants hold on to stay put.
 */
function countMentions(doc: OpenApiDocument, declared: Invariant[]): Map<string, number> {
  const texts = [...declared.map((i) => i.expr), ...allSchemaInvariantTexts(doc)];
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

// A memo of a pure function of the document (documents are not modified while served).
const schemaTexts = new WeakMap<OpenApiDocument, string[]>();

function allSchemaInvariantTexts(doc: OpenApiDocument): string[] {
  let texts = schemaTexts.get(doc);
  if (texts) return texts;
  texts = [];
  const visit = (node: unknown) => {
    if (typeof node !== "object" || node === null) return;
    const invariants = (node as Record<string, unknown>)["x-invariants"];
    // A response object's invariants (it has `description` and `content`) are the operation's, not a schema's.
    if (Array.isArray(invariants) && !("description" in (node as object) && "content" in (node as object))) {
      for (const inv of invariants as Invariant[]) texts!.push(inv.expr);
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(doc.components.schemas ?? {});
  schemaTexts.set(doc, texts);
  return texts;
}
