import type { OpenApiDocument } from "../document.js";
import { listOperations, type Operation } from "../operations.js";
import { operationPointer, responsePointer } from "../pointers.js";
import { isReference, pointerSegment, resolvePointer } from "../refs.js";
import { CLAMP_MAXIMUM } from "../request.js";
import { HEADER_VALUE } from "../response-headers.js";

/** One constraint of the contract, at its rule address. */
export interface Rule {
  address: string;
  kind: "status" | "required" | "bound" | "format" | "pattern" | "enum" | "const" | "closed" | "invariant" | "request-invariant" | "header";
  /** The constraint in a few words: `maximum 100`, `required agentId`, `invariant total-is-sum`. */
  what: string;
}

const BOUNDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", CLAMP_MAXIMUM];
const SUBSCHEMAS = ["items", "additionalProperties", "not", "contains"];
const BRANCHES = ["allOf", "anyOf", "oneOf", "prefixItems"];

/**
 * Every rule of a module's operations, in document order, each once: statuses, required
 * parameters, request invariants and body bounds of its operations, and every constraint keyword
 * and invariant of the schemas they reach (through `$ref`, components included).
 */
export function listRules(doc: OpenApiDocument, module: string): Rule[] {
  const rules: Rule[] = [];
  const seen = new Set<string>();
  const add = (rule: Rule) => {
    if (seen.has(rule.address)) return;
    seen.add(rule.address);
    rules.push(rule);
  };
  const walkSchema = (pointer: string) => {
    if (seen.has(`schema:${pointer}`)) return;
    seen.add(`schema:${pointer}`);
    const node = resolvePointer(doc, pointer);
    if (typeof node !== "object" || node === null) return;
    if (isReference(node)) return walkSchema(node.$ref);
    const s = node as Record<string, unknown>;
    for (const name of (s.required as string[] | undefined) ?? []) add({ address: `${pointer}/required/${pointerSegment(name)}`, kind: "required", what: `required ${name}` });
    for (const bound of BOUNDS) if (bound in s) add({ address: `${pointer}/${bound}`, kind: "bound", what: `${bound} ${JSON.stringify(s[bound])}` });
    if ("format" in s) add({ address: `${pointer}/format`, kind: "format", what: `format ${String(s.format)}` });
    if ("pattern" in s) add({ address: `${pointer}/pattern`, kind: "pattern", what: `pattern ${String(s.pattern)}` });
    if ("enum" in s) add({ address: `${pointer}/enum`, kind: "enum", what: `one of ${(s.enum as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` });
    if ("const" in s) add({ address: `${pointer}/const`, kind: "const", what: `always ${JSON.stringify(s.const)}` });
    if (s.additionalProperties === false) add({ address: `${pointer}/additionalProperties`, kind: "closed", what: "no other properties" });
    invariants(s["x-invariants"], `${pointer}/x-invariants`, "invariant", add);
    for (const [name] of Object.entries((s.properties as Record<string, unknown> | undefined) ?? {})) walkSchema(`${pointer}/properties/${pointerSegment(name)}`);
    for (const key of SUBSCHEMAS) if (typeof s[key] === "object" && s[key] !== null) walkSchema(`${pointer}/${key}`);
    for (const key of BRANCHES) ((s[key] as unknown[] | undefined) ?? []).forEach((_b, i) => walkSchema(`${pointer}/${key}/${i}`));
  };

  for (const operation of listOperations(doc).filter((op) => op.conformanceClass === module)) {
    const at = operationPointer(operation);
    invariants(operation.object["x-request-invariants"], `${at}/x-request-invariants`, "request-invariant", add);
    (operation.object.parameters ?? []).forEach((raw, i) => {
      const pointer = isReference(raw) ? raw.$ref : `${at}/parameters/${i}`;
      const param = resolvePointer(doc, pointer) as { name: string; required?: boolean; schema?: unknown };
      if (param.required) add({ address: `${pointer}/required`, kind: "required", what: `required parameter ${param.name}` });
      if (param.schema) walkSchema(`${pointer}/schema`);
    });
    const body = operation.object.requestBody;
    if (body) {
      const pointer = isReference(body) ? body.$ref : `${at}/requestBody`;
      const object = resolvePointer(doc, pointer) as Record<string, unknown>;
      for (const bound of ["x-max-records", "x-max-bytes"]) {
        if (bound in object) add({ address: `${pointer}/${bound}`, kind: "bound", what: `${bound} ${String(object[bound])}` });
      }
      for (const mediaType of Object.keys((object.content as object | undefined) ?? {})) walkSchema(`${pointer}/content/${pointerSegment(mediaType)}/schema`);
    }
    for (const status of Object.keys(operation.responses)) responseRules(doc, operation, status, add, walkSchema);
  }
  return rules;
}

function responseRules(doc: OpenApiDocument, operation: Operation, status: string, add: (rule: Rule) => void, walkSchema: (pointer: string) => void) {
  add({ address: `${operationPointer(operation)}/responses/${pointerSegment(status)}`, kind: "status", what: `status ${status}` });
  const pointer = responsePointer(operation, status);
  const response = operation.responses[status]!;
  invariants(response["x-invariants"], `${pointer}/x-invariants`, "invariant", add);
  for (const [name, raw] of Object.entries(response.headers ?? {})) {
    const header = isReference(raw) ? (resolvePointer(doc, raw.$ref) as Record<string, unknown>) : (raw as Record<string, unknown>);
    if (typeof header[HEADER_VALUE] === "string") add({ address: `${pointer}/headers/${pointerSegment(name)}`, kind: "header", what: `header ${name} = ${String(header[HEADER_VALUE])}` });
  }
  for (const mediaType of Object.keys(response.content ?? {})) walkSchema(`${pointer}/content/${pointerSegment(mediaType)}/schema`);
}

function invariants(list: unknown, at: string, kind: "invariant" | "request-invariant", add: (rule: Rule) => void) {
  for (const invariant of (list as { id: string; expr: string }[] | undefined) ?? []) {
    add({ address: `${at}/${pointerSegment(invariant.id)}`, kind, what: `${kind} ${invariant.id}: ${invariant.expr}` });
  }
}

const NAMED_LISTS: Record<string, (item: unknown) => string> = {
  required: (item) => String(item),
  "x-invariants": (item) => (item as { id: string }).id,
  "x-request-invariants": (item) => (item as { id: string }).id,
};

/** What a rule address designates in the document (entries of `required` and invariant lists by name), or undefined. */
export function resolveRuleAddress(doc: OpenApiDocument, address: string): unknown {
  if (!address.startsWith("#")) return undefined;
  let node: unknown = doc;
  let parentKey = "";
  for (const raw of address.slice(1).split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const byName = NAMED_LISTS[parentKey];
    if (Array.isArray(node) && byName) node = node.find((item) => byName(item) === key);
    else if (typeof node === "object" && node !== null && key in node) node = (node as Record<string, unknown>)[key];
    else return undefined;
    if (node === undefined) return undefined;
    parentKey = key;
  }
  return node;
}
