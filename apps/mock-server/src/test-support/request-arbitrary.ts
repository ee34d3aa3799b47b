import { deref, type OpenApiDocument, type Operation, type ParameterObject, type SchemaObject } from "@agent-analytics/contract";
import fc from "fast-check";

/** A request an integrator could send: parameters valid against their documented bounds. */
export interface ValidRequest {
  path: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
}

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 9, 1);

function resolved(doc: OpenApiDocument, schema: unknown): SchemaObject {
  const s = deref<SchemaObject>(doc, (schema ?? {}) as SchemaObject);
  const branches = (s.anyOf ?? s.oneOf) as SchemaObject[] | undefined;
  if (branches) {
    const { anyOf: _a, oneOf: _o, ...outer } = s;
    const first = branches.map((b) => deref<SchemaObject>(doc, b)).find((b) => b.type !== "null") ?? {};
    return { ...outer, ...first };
  }
  if (Array.isArray(s.type)) return { ...s, type: s.type.find((t) => t !== "null") };
  return s;
}

/** Values of one parameter, as they travel in a URL. Dates are day offsets, ordered later. */
function valueArbitrary(doc: OpenApiDocument, param: ParameterObject): fc.Arbitrary<string | number> {
  const schema = resolved(doc, param.schema);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.format === "date" || schema.format === "date-time") return fc.integer({ min: 0, max: 120 });
  switch (schema.type) {
    case "integer":
      return fc.integer({ min: (schema.minimum as number) ?? 0, max: (schema.maximum as number) ?? 500 }).map(String);
    case "boolean":
      return fc.boolean().map(String);
    default:
      return fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
  }
}

function isDateParam(doc: OpenApiDocument, param: ParameterObject): boolean {
  const f = resolved(doc, param.schema).format;
  return f === "date" || f === "date-time";
}

/**
 * Requests for an operation: every query parameter present or not, path parameters always, date
 * parameters given in order (a range starts before it ends) within a few months.
 */
export function requestArbitrary(doc: OpenApiDocument, operation: Operation, body?: unknown): fc.Arbitrary<ValidRequest> {
  const params = operation.parameters.filter((p) => p.in === "path" || p.in === "query");
  const entries = params.map((p) => {
    const value = valueArbitrary(doc, p);
    return p.required || p.in === "path" ? value.map((v) => [p, v] as const) : fc.option(value, { nil: undefined }).map((v) => [p, v] as const);
  });
  return fc.tuple(...entries).map((pairs) => {
    const request: ValidRequest = { path: {}, query: {}, body };
    const dates = pairs.filter(([p, v]) => v !== undefined && isDateParam(doc, p)).map(([, v]) => v as number).sort((a, b) => a - b);
    let dateIndex = 0;
    for (const [param, value] of pairs) {
      if (value === undefined) continue;
      let text = String(value);
      if (isDateParam(doc, param)) {
        const offset = dates[dateIndex]! + dateIndex++;
        const iso = new Date(BASE + offset * DAY).toISOString();
        text = resolved(doc, param.schema).format === "date" ? iso.slice(0, 10) : iso;
      }
      (param.in === "path" ? request.path : request.query)[param.name] = text;
    }
    return request;
  });
}

export function urlOf(operation: Operation, request: ValidRequest): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(request.path[name] ?? "x"));
  const search = new URLSearchParams(request.query).toString();
  return search ? `${path}?${search}` : path;
}
