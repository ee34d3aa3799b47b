import { deref, schemaTypes, type OpenApiDocument, type Operation, type ParameterObject, type SchemaObject } from "@agent-analytics/contract";

/** What a probe expects: a 2xx, the module's validation error, or (agentos) an empty list. */
export type Expectation = "accept" | "reject" | "empty-list";

/** One request derived from the sample by changing some query parameters (`null` removes one). */
export interface BoundProbe {
  label: string;
  query?: Record<string, string | null>;
  /** Replaces the request body (operations with a body). */
  body?: { value: unknown } | "absent";
  expect: Expectation;
}

const DAY = 86_400_000;

/**
 * Range parameter pairs and what the contract says about them: `from`/`to` (dashboard) must not be
 * reversed; `startDate`/`endDate` (analytics) must be strictly ordered and span at most 731 days;
 * `starting_date`/`ending_date` (agentos) reversed is an empty list, not an error.
 */
const RANGES = [
  { start: "from", end: "to", kind: "date-time", reversed: "reject", equalRejected: false, maxDays: undefined },
  { start: "startDate", end: "endDate", kind: "date", reversed: "reject", equalRejected: true, maxDays: 731 },
  { start: "starting_date", end: "ending_date", kind: "date", reversed: "empty-list", equalRejected: false, maxDays: undefined },
] as const;

/** Every bound probe of an operation, derived from its parameter schemas and range rules. */
export function boundProbes(doc: OpenApiDocument, operation: Operation, window: { firstDay: string; endDay: string }): BoundProbe[] {
  const probes: BoundProbe[] = [];
  for (const param of operation.parameters) {
    if (param.in === "query") probes.push(...parameterProbes(doc, param));
  }
  const names = new Set(operation.parameters.map((p) => p.name));
  for (const range of RANGES) {
    if (!names.has(range.start) || !names.has(range.end)) continue;
    const first = window.firstDay;
    const last = shiftDay(window.endDay, -1);
    const [lo, hi] = range.kind === "date-time" ? [`${first}T00:00:00.000Z`, `${last}T23:59:59.999Z`] : [first, range.reversed === "empty-list" ? last : window.endDay];
    probes.push({ label: `reversed ${range.start}/${range.end}`, query: { [range.start]: hi, [range.end]: lo }, expect: range.reversed });
    if (range.equalRejected) probes.push({ label: `empty ${range.start}/${range.end}`, query: { [range.start]: lo, [range.end]: lo }, expect: "reject" });
    if (range.maxDays) {
      probes.push({ label: `${range.maxDays}-day range`, query: { [range.start]: first, [range.end]: shiftDay(first, range.maxDays) }, expect: "accept" });
      probes.push({ label: `${range.maxDays + 1}-day range`, query: { [range.start]: first, [range.end]: shiftDay(first, range.maxDays + 1) }, expect: "reject" });
    }
  }
  // Dashboard: `userId` narrows `allInOrg=true` and is a 400 without it.
  if (names.has("userId") && names.has("allInOrg")) {
    probes.push({ label: "userId without allInOrg", query: { userId: "someone", allInOrg: "false" }, expect: "reject" });
  }
  if (operation.requestBody?.required) {
    probes.push({ label: "no body", body: "absent", expect: "reject" });
    probes.push({ label: "body is an array", body: { value: [] }, expect: "reject" });
    probes.push({ label: "unknown record type", body: { value: { widgets: [] } }, expect: "reject" });
    probes.push({ label: "record list of the wrong type", body: { value: { users: "user_1" } }, expect: "reject" });
    probes.push({ label: "record without its id", body: { value: { users: [{ metadata: {} }] } }, expect: "reject" });
  }
  return probes;
}

function parameterProbes(doc: OpenApiDocument, param: ParameterObject): BoundProbe[] {
  const schema = param.schema ? deref<SchemaObject>(doc, param.schema) : {};
  const types = schemaTypes(doc, schema);
  const name = param.name;
  const probes: BoundProbe[] = [];
  if (param.required) probes.push({ label: `${name} missing`, query: { [name]: null }, expect: "reject" });
  if (types.has("integer") || types.has("number")) {
    if (typeof schema.minimum === "number") {
      probes.push({ label: `${name} = minimum ${schema.minimum}`, query: { [name]: String(schema.minimum) }, expect: "accept" });
      probes.push({ label: `${name} below minimum`, query: { [name]: String(schema.minimum - 1) }, expect: "reject" });
    }
    if (typeof schema.maximum === "number") {
      probes.push({ label: `${name} = maximum ${schema.maximum}`, query: { [name]: String(schema.maximum) }, expect: "accept" });
      probes.push({ label: `${name} above maximum`, query: { [name]: String(schema.maximum + 1) }, expect: "reject" });
    }
    probes.push({ label: `${name} not a number`, query: { [name]: "abc" }, expect: "reject" });
    if (types.has("integer")) probes.push({ label: `${name} not an integer`, query: { [name]: "1.5" }, expect: "reject" });
  }
  if (Array.isArray(schema.enum)) {
    for (const value of schema.enum) probes.push({ label: `${name} = ${String(value)}`, query: { [name]: String(value) }, expect: "accept" });
    probes.push({ label: `${name} unknown value`, query: { [name]: "no-such-value" }, expect: "reject" });
  }
  if (types.has("boolean")) {
    probes.push({ label: `${name} = false`, query: { [name]: "false" }, expect: "accept" });
    probes.push({ label: `${name} not a boolean`, query: { [name]: "maybe" }, expect: "reject" });
  }
  const formats = formatsOf(doc, schema);
  if (formats.has("date") || formats.has("date-time")) {
    probes.push({ label: `${name} malformed`, query: { [name]: "not-a-date" }, expect: "reject" });
    probes.push({ label: `${name} impossible month`, query: { [name]: formats.has("date") ? "2024-13-01" : "2024-13-01T00:00:00.000Z" }, expect: "reject" });
  }
  return probes;
}

function formatsOf(doc: OpenApiDocument, schema: SchemaObject): Set<string> {
  const found = new Set<string>();
  const visit = (s: SchemaObject) => {
    const r = deref<SchemaObject>(doc, s);
    if (typeof r.format === "string") found.add(r.format);
    for (const key of ["anyOf", "oneOf", "allOf"] as const) (r[key] as SchemaObject[] | undefined)?.forEach(visit);
  };
  visit(schema);
  return found;
}

export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY).toISOString().slice(0, 10);
}
