import { deref, type OpenApiDocument, type SchemaObject } from "@agent-analytics/contract";
import fc from "fast-check";

/** A parameter value as sent, and whether it is one of the edges a format allows. */
export interface Drawn {
  value: string;
  /**
   * An edge of what the schema allows (year 0000, a leap second, 2^53+1...): a server may refuse it
   * as beyond what it can store, with the module's validation status, but must not fail on it.
   */
  edge: boolean;
}

const plain = (arb: fc.Arbitrary<string>): fc.Arbitrary<Drawn> => arb.map((value) => ({ value, edge: false }));
const edges = (values: string[]): fc.Arbitrary<Drawn> => fc.constantFrom(...values).map((value) => ({ value, edge: true }));

/** Calendar dates and instants an ordinary request holds: the Unix era, with millisecond precision. */
const ordinaryInstant = fc.date({ min: new Date("1971-01-01T00:00:00.000Z"), max: new Date("2035-12-31T23:59:59.999Z"), noInvalidDate: true });

export const DATE_EDGES = ["0000-01-01", "0001-01-01", "9999-12-31", "2024-02-29", "2000-02-29", "1970-01-01"];
export const DATE_TIME_EDGES = [
  "2016-12-31T23:59:60Z",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "2024-06-01T12:00:00+14:00",
  "2024-06-01T12:00:00-12:00",
  "2024-06-01T12:00:00.123456789Z",
  "2024-06-01t12:00:00z",
  "1969-12-31T23:59:59.999Z",
];
const STRING_EDGES = ["Ωmega ✓ 😀", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "a".repeat(2000), " leading and trailing ", "with/slash?and#hash", "100%"];
const MAX_SAFE_PLUS_TWO = "9007199254740993";

/**
 * Values valid against a parameter's schema, ordinary ones and the edges its type and format allow.
 * `sample` is a value the kit knows to be meaningful (a loaded id, the dataset's window): drawn often,
 * so that generated requests also reach the server's real work, not only its validation.
 */
export function validValues(doc: OpenApiDocument, schemaRef: SchemaObject | undefined, sample?: string): fc.Arbitrary<Drawn> {
  const schema = schemaRef ? deref<SchemaObject>(doc, schemaRef) : {};
  const own = fromSchema(doc, schema).arbitrary;
  return sample === undefined ? own : fc.oneof({ arbitrary: own, weight: 3 }, { arbitrary: fc.constant({ value: sample, edge: false }), weight: 2 });
}

/** The edge values of a parameter's schema: every run sends each once (see casesFor). */
export function edgeValues(doc: OpenApiDocument, schemaRef: SchemaObject | undefined): string[] {
  return fromSchema(doc, schemaRef ? deref<SchemaObject>(doc, schemaRef) : {}).edges;
}

interface Values {
  arbitrary: fc.Arbitrary<Drawn>;
  edges: string[];
}

function withEdges(ordinary: fc.Arbitrary<string>, edgeList: string[], weight: number): Values {
  if (edgeList.length === 0) return { arbitrary: plain(ordinary), edges: [] };
  return { arbitrary: fc.oneof({ arbitrary: plain(ordinary), weight }, edges(edgeList)), edges: edgeList };
}

function fromSchema(doc: OpenApiDocument, schema: SchemaObject): Values {
  const branches = (schema.anyOf ?? schema.oneOf) as SchemaObject[] | undefined;
  if (branches) {
    const usable = branches.map((b) => fromSchema(doc, deref<SchemaObject>(doc, b))).filter((_v, i) => deref<SchemaObject>(doc, branches[i]!).type !== "null");
    return { arbitrary: fc.oneof(...usable.map((v) => v.arbitrary)), edges: [...new Set(usable.flatMap((v) => v.edges))] };
  }
  if (Array.isArray(schema.enum)) return withEdges(fc.constantFrom(...schema.enum.map(String)), [], 1);
  switch (schema.type) {
    case "integer":
      return integers(schema);
    case "boolean":
      return withEdges(fc.constantFrom("true", "false"), [], 1);
    case "string":
      if (schema.format === "date") return withEdges(ordinaryInstant.map((d) => d.toISOString().slice(0, 10)), DATE_EDGES, 1);
      if (schema.format === "date-time") return withEdges(ordinaryInstant.map((d) => d.toISOString()), DATE_TIME_EDGES, 1);
      return strings(schema);
    default:
      return strings(schema);
  }
}

function integers(schema: SchemaObject): Values {
  const min = typeof schema.minimum === "number" ? schema.minimum : -1000;
  const max = typeof schema.maximum === "number" ? schema.maximum : min + 1000;
  const edgeValues = [String(min), String(max)];
  // Above a clamp the value is valid and served as the clamp; without a maximum, any size is valid.
  if (typeof schema["x-clamp-maximum"] === "number") edgeValues.push(String(schema["x-clamp-maximum"] + 1));
  if (typeof schema.maximum !== "number") edgeValues.push(MAX_SAFE_PLUS_TWO);
  if (min <= 0 && max >= 0) edgeValues.push("-0");
  return withEdges(fc.integer({ min, max }).map(String), edgeValues, 3);
}

function strings(schema: SchemaObject): Values {
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  const fits = (s: string) => [...s].length >= minLength && (maxLength === undefined || [...s].length <= maxLength) && (pattern === undefined || pattern.test(s));
  const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern, "u") : undefined;
  if (pattern) {
    const matching = fc.stringMatching(pattern).filter((s) => s.length >= minLength && s.length <= Math.min(maxLength ?? 64, 64));
    const patternEdges = ["a".repeat(Math.max(minLength, maxLength ?? 64)), ...STRING_EDGES].filter(fits);
    return withEdges(matching, patternEdges, 3);
  }
  const ordinary = fc.string({ minLength: Math.max(minLength, 1), maxLength: Math.min(maxLength ?? 24, 24), unit: "grapheme-ascii" });
  return withEdges(ordinary, [...STRING_EDGES, ...(minLength === 0 ? [""] : [])].filter(fits), 3);
}
