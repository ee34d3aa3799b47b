import { deref, type OpenApiDocument, type SchemaObject } from "@agent-analytics/contract";

// Schemas are objects of a document that is not modified while served: resolving each once is enough.
const resolved = new WeakMap<object, SchemaObject>();
const branchesOf = new WeakMap<object, SchemaObject[]>();

/** A schema with `$ref` and `allOf` folded away, so generators read one flat object. Cached per schema object. */
export function resolveSchema(doc: OpenApiDocument, schema: unknown): SchemaObject {
  if (typeof schema !== "object" || schema === null) return {};
  let done = resolved.get(schema);
  if (!done) {
    done = resolveUncached(doc, schema);
    resolved.set(schema, done);
  }
  return done;
}

function resolveUncached(doc: OpenApiDocument, schema: object): SchemaObject {
  let s = deref<SchemaObject>(doc, schema as SchemaObject);
  if (Array.isArray(s.allOf)) {
    const merged: SchemaObject = { ...s };
    delete merged.allOf;
    for (const part of s.allOf) {
      const r = resolveSchema(doc, part);
      merged.properties = { ...(merged.properties as object), ...(r.properties as object) };
      merged.required = [...((merged.required as string[]) ?? []), ...((r.required as string[]) ?? [])];
      for (const [k, v] of Object.entries(r)) if (!(k in merged)) merged[k] = v;
    }
    s = merged;
  }
  return s;
}

/** The non-null alternatives of a schema (`anyOf`/`oneOf` branches, or a type list without "null"). */
export function nonNullBranches(doc: OpenApiDocument, schema: SchemaObject): SchemaObject[] {
  let done = branchesOf.get(schema);
  if (!done) {
    done = nonNullBranchesUncached(doc, schema);
    branchesOf.set(schema, done);
  }
  return done;
}

function nonNullBranchesUncached(doc: OpenApiDocument, schema: SchemaObject): SchemaObject[] {
  const branches = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (branches) {
    // Keywords beside anyOf (e.g. `type: string` with `anyOf: [{format: date}, ...]`) apply to every branch.
    const { anyOf: _a, oneOf: _o, ...outer } = schema;
    return branches
      .map((b) => ({ ...outer, ...resolveSchema(doc, b) }))
      .filter((b) => b.type !== "null");
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== "null");
    return types.map((t) => ({ ...schema, type: t }));
  }
  return [schema];
}

export function isNullable(schema: SchemaObject): boolean {
  if (Array.isArray(schema.type)) return schema.type.includes("null");
  const branches = (schema.anyOf ?? schema.oneOf) as SchemaObject[] | undefined;
  return branches?.some((b) => b.type === "null") ?? false;
}

/**
 * Where generated containers came from: a location's schema is found from its container's. Kept in
 * a symbol-keyed property (JSON, Ajv and the invariant evaluator ignore symbols): far cheaper on the
 * hot path than a WeakMap entry per generated object.
 */
const SCHEMA = Symbol("schema");

export function rememberSchema(container: object, schema: SchemaObject): void {
  (container as { [SCHEMA]?: SchemaObject })[SCHEMA] = schema;
}

export function schemaOfValue(container: object): SchemaObject | undefined {
  return (container as { [SCHEMA]?: SchemaObject })[SCHEMA];
}

/** The schema of `container[key]`: a property of an object, or the items of an array. */
export function schemaAt(doc: OpenApiDocument, container: object, key: string | number): SchemaObject | undefined {
  const parent = schemaOfValue(container);
  if (!parent) return undefined;
  if (Array.isArray(container)) return parent.items ? resolveSchema(doc, parent.items) : undefined;
  const properties = parent.properties as Record<string, unknown> | undefined;
  const sub = properties?.[key as string] ?? (typeof parent.additionalProperties === "object" ? parent.additionalProperties : undefined);
  return sub ? resolveSchema(doc, sub) : undefined;
}

/**
 * What an array's elements are called, for realistic ids: the last word of the item schema's name
 * (`#/components/schemas/AnalyticsSnapshot` -> "Snapshot"), else the array's own name (`runs`).
 */
export function itemName(itemsSchema: unknown, listName: string): string {
  const ref = (itemsSchema as { $ref?: unknown } | undefined)?.$ref;
  const schemaName = typeof ref === "string" ? /\/([^/]+)$/.exec(ref)?.[1] : undefined;
  const lastWord = schemaName?.match(/[A-Z][a-z0-9]*$/)?.[0];
  return lastWord ?? listName;
}
