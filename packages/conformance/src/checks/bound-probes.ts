import {
  CLAMP_MAXIMUM,
  deref,
  isReference,
  keywordLocation,
  operationPointer,
  parameterPointer,
  pointerSegment,
  schemaTypes,
  type OpenApiDocument,
  type Operation,
  type ParameterObject,
  type SchemaObject,
} from "@agent-analytics/contract";

/** What a probe expects: a 2xx, the module's validation error, or (agentos) an empty list. */
export type Expectation = "accept" | "reject" | "empty-list";

/** One request derived from the sample by changing some query parameters (`null` removes one). */
export interface BoundProbe {
  label: string;
  query?: Record<string, string | null>;
  /** Replaces the request body (operations with a body). */
  body?: { value: unknown } | "absent";
  expect: Expectation;
  /** The rule the probe tests (a rule address), whose provenance says whether the source states it. */
  rule: string;
}

const DAY = 86_400_000;

/**
 * Range parameter pairs and what the contract says about them: `from`/`to` (dashboard) must not be
 * reversed and take dates as well as date-times (a date `to` covering its day); `startDate`/`endDate`
 * (analytics) must be strictly ordered and span at most 731 days; `starting_date`/`ending_date`
 * (agentos) reversed is an empty list, not an error.
 */
const RANGES = [
  { start: "from", end: "to", kind: "date-time", reversed: "reject", equalRejected: false, maxDays: undefined },
  { start: "startDate", end: "endDate", kind: "date", reversed: "reject", equalRejected: true, maxDays: 731 },
  { start: "starting_date", end: "ending_date", kind: "date", reversed: "empty-list", equalRejected: false, maxDays: undefined },
] as const;

/** Every bound probe of an operation, derived from its parameter schemas and range rules. */
export function boundProbes(doc: OpenApiDocument, operation: Operation, window: { firstDay: string; endDay: string }): BoundProbe[] {
  const probes: BoundProbe[] = [];
  const at = operationPointer(operation);
  for (const param of operation.parameters) {
    if (param.in === "query") probes.push(...parameterProbes(doc, param, pointerOf(operation, param, doc)));
  }
  const names = new Set(operation.parameters.map((p) => p.name));
  // A relation between parameters is the operation's request invariant where it declares one.
  const relation = (id: string) => {
    const declared = ((operation.object["x-request-invariants"] as { id: string }[] | undefined) ?? []).some((i) => i.id === id);
    return declared ? `${at}/x-request-invariants/${pointerSegment(id)}` : at;
  };
  for (const range of RANGES) {
    if (!names.has(range.start) || !names.has(range.end)) continue;
    const first = window.firstDay;
    const last = shiftDay(window.endDay, -1);
    const [lo, hi] = range.kind === "date-time" ? [`${first}T00:00:00.000Z`, `${last}T23:59:59.999Z`] : [first, range.reversed === "empty-list" ? last : window.endDay];
    const ordered = relation("range-is-ordered");
    probes.push({ label: `reversed ${range.start}/${range.end}`, query: { [range.start]: hi, [range.end]: lo }, expect: range.reversed, rule: ordered });
    if (range.equalRejected) probes.push({ label: `empty ${range.start}/${range.end}`, query: { [range.start]: lo, [range.end]: lo }, expect: "reject", rule: ordered });
    if (range.maxDays) {
      const bound = relation(`range-at-most-${range.maxDays}-days`);
      probes.push({ label: `${range.maxDays}-day range`, query: { [range.start]: first, [range.end]: shiftDay(first, range.maxDays) }, expect: "accept", rule: bound });
      probes.push({ label: `${range.maxDays + 1}-day range`, query: { [range.start]: first, [range.end]: shiftDay(first, range.maxDays + 1) }, expect: "reject", rule: bound });
    }
    // ISO 8601 is a date as well as a date-time: both forms of a range are accepted.
    const startParam = operation.parameters.find((p) => p.name === range.start)!;
    const formats = formatsOf(doc, startParam.schema ?? {});
    if (formats.has("date") && formats.has("date-time")) {
      const rule = pointerOf(operation, startParam, doc);
      if (range.kind === "date-time") probes.push({ label: `${range.start}/${range.end} as calendar dates`, query: { [range.start]: first, [range.end]: last }, expect: "accept", rule });
      else probes.push({ label: `${range.start}/${range.end} as date-times`, query: { [range.start]: `${first}T00:00:00.000Z`, [range.end]: `${window.endDay}T00:00:00.000Z` }, expect: "accept", rule });
    }
  }
  // Dashboard: `userId` is open to every caller ("admin only when allInOrg is true").
  const userId = operation.parameters.find((p) => p.name === "userId");
  if (userId && names.has("allInOrg")) {
    probes.push({ label: "userId without allInOrg", query: { userId: "someone", allInOrg: "false" }, expect: "accept", rule: pointerOf(operation, userId, doc) });
  }
  if (operation.requestBody?.required) {
    const body = isReference(operation.object.requestBody) ? operation.object.requestBody.$ref : `${at}/requestBody`;
    probes.push({ label: "no body", body: "absent", expect: "reject", rule: body });
    probes.push({ label: "body is an array", body: { value: [] }, expect: "reject", rule: body });
    probes.push({ label: "unknown record type", body: { value: { widgets: [] } }, expect: "reject", rule: body });
    probes.push({ label: "record list of the wrong type", body: { value: { users: "user_1" } }, expect: "reject", rule: body });
    probes.push({ label: "record without its id", body: { value: { users: [{ metadata: {} }] } }, expect: "reject", rule: body });
  }
  return probes;
}

/** Pointer to a parameter object (the operation's own, as every probed parameter is). */
function pointerOf(operation: Operation, param: ParameterObject, doc: OpenApiDocument): string {
  return parameterPointer(doc, operation, param) ?? operationPointer(operation);
}

function parameterProbes(doc: OpenApiDocument, param: ParameterObject, pointer: string): BoundProbe[] {
  const schema = param.schema ? deref<SchemaObject>(doc, param.schema) : {};
  const types = schemaTypes(doc, schema);
  const name = param.name;
  const rule = (keyword: string) => keywordLocation(doc, `${pointer}/schema`, "", keyword, "");
  const probes: BoundProbe[] = [];
  if (param.required) probes.push({ label: `${name} missing`, query: { [name]: null }, expect: "reject", rule: `${pointer}/required` });
  if (types.has("integer") || types.has("number")) {
    if (typeof schema.minimum === "number") {
      probes.push({ label: `${name} = minimum ${schema.minimum}`, query: { [name]: String(schema.minimum) }, expect: "accept", rule: rule("minimum") });
      probes.push({ label: `${name} below minimum`, query: { [name]: String(schema.minimum - 1) }, expect: "reject", rule: rule("minimum") });
    }
    if (typeof schema.maximum === "number") {
      probes.push({ label: `${name} = maximum ${schema.maximum}`, query: { [name]: String(schema.maximum) }, expect: "accept", rule: rule("maximum") });
      probes.push({ label: `${name} above maximum`, query: { [name]: String(schema.maximum + 1) }, expect: "reject", rule: rule("maximum") });
    }
    // A bound the source leaves open is served, not refused: a value far past it is accepted (the
    // parameter's own rule: the source gives it no bound; what is served is checked by the invariants).
    if (typeof schema[CLAMP_MAXIMUM] === "number") {
      const clamp = schema[CLAMP_MAXIMUM] as number;
      probes.push({ label: `${name} = ${clamp * 100}, past the ${clamp} served`, query: { [name]: String(clamp * 100) }, expect: "accept", rule: pointer });
    }
    probes.push({ label: `${name} not a number`, query: { [name]: "abc" }, expect: "reject", rule: rule("type") });
    if (types.has("integer")) probes.push({ label: `${name} not an integer`, query: { [name]: "1.5" }, expect: "reject", rule: rule("type") });
  }
  if (Array.isArray(schema.enum)) {
    for (const value of schema.enum) probes.push({ label: `${name} = ${String(value)}`, query: { [name]: String(value) }, expect: "accept", rule: rule("enum") });
    probes.push({ label: `${name} unknown value`, query: { [name]: "no-such-value" }, expect: "reject", rule: rule("enum") });
  }
  if (types.has("boolean")) {
    probes.push({ label: `${name} = false`, query: { [name]: "false" }, expect: "accept", rule: rule("type") });
    probes.push({ label: `${name} not a boolean`, query: { [name]: "maybe" }, expect: "reject", rule: rule("type") });
  }
  const formats = formatsOf(doc, schema);
  if (formats.has("date") || formats.has("date-time")) {
    probes.push({ label: `${name} malformed`, query: { [name]: "not-a-date" }, expect: "reject", rule: rule("format") });
    probes.push({ label: `${name} impossible month`, query: { [name]: formats.has("date") ? "2024-13-01" : "2024-13-01T00:00:00.000Z" }, expect: "reject", rule: rule("format") });
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
