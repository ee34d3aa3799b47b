import { deref, type OpenApiDocument, type SchemaObject } from "@agent-analytics/contract";

/**
 * Values that break a parameter's schema in one way each: wrong type, out of bounds, bad format,
 * unknown enum value. Whether a given one really is invalid is the contract's to say (the kit asks
 * its request pipeline), so a list may hold a value some schema happens to accept.
 */
export function invalidValues(doc: OpenApiDocument, schemaRef: SchemaObject | undefined): string[] {
  const schema = schemaRef ? deref<SchemaObject>(doc, schemaRef) : {};
  const branches = (schema.anyOf ?? schema.oneOf) as SchemaObject[] | undefined;
  if (branches) return [...new Set(branches.flatMap((b) => invalidValues(doc, b)))];
  if (Array.isArray(schema.enum)) return ["not-a-value", String(schema.enum[0]).toUpperCase(), `${String(schema.enum[0])} `, "1"];
  switch (schema.type) {
    case "integer": {
      const out = ["abc", "1.5", "1e2", "0x10", "12abc", " 1", "NaN", "Infinity"];
      if (typeof schema.minimum === "number") out.push(String(schema.minimum - 1));
      if (typeof schema.maximum === "number") out.push(String(schema.maximum + 1));
      return out;
    }
    case "boolean":
      return ["yes", "1", "TRUE", "on"];
    case "string":
      if (schema.format === "date") return ["2024-13-01", "2024-02-30", "2023-02-29", "24-01-01", "2024-1-1", "20240101", "tomorrow", "2024-00-10", "10000-01-01"];
      if (schema.format === "date-time") return ["2024-01-01T25:00:00Z", "2024-01-01T12:00:00", "2024-01-01 12:00", "2024-01-01T12:60:00Z", "2024-01-01T12:00:00+25:00", "1714000000"];
      return typeof schema.maxLength === "number" ? ["x".repeat(schema.maxLength + 1)] : [];
    default:
      return [];
  }
}

/** Request bodies that are not what a JSON body operation takes: text, content type or shape. */
export const BODY_VIOLATIONS: { what: string; rawBody?: string; body?: unknown; contentType?: string }[] = [
  { what: "malformed JSON (cut short)", rawBody: '{"users": [' },
  { what: "malformed JSON (a bare word)", rawBody: "nul" },
  { what: "malformed JSON (trailing comma)", rawBody: '{"users": [],}' },
  { what: "malformed JSON (single quotes)", rawBody: "{'users': []}" },
  { what: "an empty body", rawBody: "" },
  { what: "a JSON array", body: [] },
  { what: "a JSON string", body: "users" },
  { what: "a JSON number", body: 42 },
  { what: "null", body: null },
  { what: "a record list that is not a list", body: { users: "u1" } },
  { what: "a record of the wrong type", body: { users: ["u1"] } },
  { what: "a record without its id", body: { users: [{}] } },
  { what: "an id of the wrong type", body: { users: [{ id: 5 }] } },
  { what: "a wrong content type", body: { users: [] }, contentType: "text/plain" },
  { what: "a form content type", rawBody: "users=u1", contentType: "application/x-www-form-urlencoded" },
];
