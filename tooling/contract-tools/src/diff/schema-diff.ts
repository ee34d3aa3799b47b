/**
 * Compares two JSON Schemas (OpenAPI 3.1, JSON Schema 2020-12) in the context of one message side.
 * Each difference is reported under its rule; `rules.ts` decides whom it breaks from the side.
 */
import { isDeepStrictEqual } from "node:util";
import { diffExtensions, show } from "./extensions.js";
import { deref, isObject, type Json } from "./resolve.js";
import type { Report, Side } from "./rules.js";

export interface SchemaContext {
  side: Side;
  before: unknown; // the old document, for $ref
  after: unknown;
  report: Report;
  /** Pairs of references already compared, so recursive schemas end and shared ones are walked once. */
  seen: Set<string>;
}

const LOWER = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
const UPPER = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];
const DOCUMENTATION = ["title", "description", "examples", "example", "deprecated", "$comment", "readOnly", "writeOnly"];

export function diffSchema(oldSchema: unknown, newSchema: unknown, at: string, ctx: SchemaContext): void {
  const old = deref(ctx.before, oldSchema);
  const now = deref(ctx.after, newSchema);
  if (old.ref || now.ref) {
    const key = `${ctx.side}|${old.ref}|${now.ref}`;
    if (ctx.seen.has(key)) return;
    ctx.seen.add(key);
  }
  const [a, b] = [old.node, now.node];
  // Equal here may still differ below, through a nested $ref: no shortcut unless the documents agree there too.
  if (isDeepStrictEqual(a, b) && !JSON.stringify(a).includes('"$ref"')) return;
  const report = (kind: Parameters<Report>[0], detail: string, extra: { required?: boolean } = {}) =>
    ctx.report(kind, at, detail, { side: ctx.side, ...extra });

  diffTypes(a, b, report);
  diffEnum(a, b, report);
  diffFormat(a, b, report);
  diffBounds(a, b, report);
  if (!isDeepStrictEqual(a.default, b.default)) report("default-changed", `default ${show(a.default)} -> ${show(b.default)}`);
  for (const key of DOCUMENTATION) if (!isDeepStrictEqual(a[key], b[key])) report("documentation", `${key} changed`);
  diffExtensions(a, b, at, ctx.report, { side: ctx.side });
  diffObject(a, b, at, ctx);
  if (a.items !== undefined || b.items !== undefined) diffSchema(a.items ?? {}, b.items ?? {}, `${at}[]`, ctx);
  diffPositional(a.prefixItems, b.prefixItems, (i) => `${at}[${i}]`, ctx);
  for (const keyword of ["oneOf", "anyOf", "allOf"] as const) diffComposition(keyword, a[keyword], b[keyword], at, ctx, report);
  if (!isDeepStrictEqual(a.not, b.not)) report("type-changed", `not ${show(a.not)} -> ${show(b.not)}`);
}

/** The types a schema admits; undefined when it admits any. `integer` is inside `number`. */
function types(schema: Json): Set<string> | undefined {
  if (schema.type === undefined) return undefined;
  return new Set(Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string]);
}
const admits = (set: Set<string> | undefined, type: string) => !set || set.has(type) || (type === "integer" && set.has("number"));

function diffTypes(a: Json, b: Json, report: (kind: "type-narrowed" | "type-widened" | "type-changed", detail: string) => void) {
  const [old, now] = [types(a), types(b)];
  if (isDeepStrictEqual(old, now)) return;
  const detail = `type ${show(a.type)} -> ${show(b.type)}`;
  const widened = !old || [...old].every((t) => admits(now, t));
  const narrowed = !now || [...now].every((t) => admits(old, t));
  report(widened && !narrowed ? "type-widened" : narrowed && !widened ? "type-narrowed" : "type-changed", detail);
}

/** `const` is a one-value enum. */
const enumOf = (s: Json): unknown[] | undefined => (s.const !== undefined ? [s.const] : Array.isArray(s.enum) ? s.enum : undefined);

function diffEnum(a: Json, b: Json, report: (kind: "enum-value-added" | "enum-value-removed", detail: string) => void) {
  const [old, now] = [enumOf(a), enumOf(b)];
  if (isDeepStrictEqual(old, now)) return;
  if (!old) return report("enum-value-removed", `enum added: only ${show(now)}`);
  if (!now) return report("enum-value-added", `enum ${show(old)} removed: any value`);
  const added = now.filter((v) => !old.some((o) => isDeepStrictEqual(o, v)));
  const removed = old.filter((v) => !now.some((n) => isDeepStrictEqual(n, v)));
  if (added.length > 0) report("enum-value-added", `enum values added: ${added.map((v) => show(v)).join(", ")}`);
  if (removed.length > 0) report("enum-value-removed", `enum values removed: ${removed.map((v) => show(v)).join(", ")}`);
}

function diffFormat(a: Json, b: Json, report: (kind: "format-added" | "format-removed" | "format-changed", detail: string) => void) {
  if (a.format === b.format) return;
  const detail = `format ${show(a.format)} -> ${show(b.format)}`;
  report(a.format === undefined ? "format-added" : b.format === undefined ? "format-removed" : "format-changed", detail);
}

function diffBounds(a: Json, b: Json, report: (kind: "bound-narrowed" | "bound-widened" | "bound-changed", detail: string) => void) {
  for (const key of [...LOWER, ...UPPER]) {
    const [old, now] = [a[key] as number | undefined, b[key] as number | undefined];
    if (old === now) continue;
    const upper = UPPER.includes(key);
    // A bound added narrows; removed widens; moved inward narrows.
    const narrowed = old === undefined || (now !== undefined && (upper ? now < old : now > old));
    report(narrowed ? "bound-narrowed" : "bound-widened", `${key} ${show(old)} -> ${show(now)}`);
  }
  if (a.pattern !== b.pattern) {
    const kind = a.pattern === undefined ? "bound-narrowed" : b.pattern === undefined ? "bound-widened" : "bound-changed";
    report(kind, `pattern ${show(a.pattern)} -> ${show(b.pattern)}`);
  }
  if (a.multipleOf !== b.multipleOf) {
    const [old, now] = [a.multipleOf as number | undefined, b.multipleOf as number | undefined];
    const kind = old === undefined || (now !== undefined && now % old === 0) ? "bound-narrowed" : now === undefined || old % now === 0 ? "bound-widened" : "bound-changed";
    report(kind, `multipleOf ${show(old)} -> ${show(now)}`);
  }
  if (Boolean(a.uniqueItems) !== Boolean(b.uniqueItems)) report(b.uniqueItems ? "bound-narrowed" : "bound-widened", `uniqueItems ${show(a.uniqueItems)} -> ${show(b.uniqueItems)}`);
}

function diffObject(a: Json, b: Json, at: string, ctx: SchemaContext) {
  const [oldProps, newProps] = [(a.properties ?? {}) as Json, (b.properties ?? {}) as Json];
  const [oldRequired, newRequired] = [new Set((a.required ?? []) as string[]), new Set((b.required ?? []) as string[])];
  const report = (kind: Parameters<Report>[0], name: string, detail: string, required?: boolean) =>
    ctx.report(kind, child(at, name), detail, { side: ctx.side, required });
  for (const name of new Set([...Object.keys(oldProps), ...Object.keys(newProps)])) {
    if (!(name in oldProps)) report("property-added", name, newRequired.has(name) ? "added, required" : "added, optional", newRequired.has(name));
    else if (!(name in newProps)) report("property-removed", name, `removed (was ${oldRequired.has(name) ? "required" : "optional"})`);
    else {
      if (!oldRequired.has(name) && newRequired.has(name)) report("property-required", name, "optional -> required");
      if (oldRequired.has(name) && !newRequired.has(name)) report("property-optional", name, "required -> optional");
      diffSchema(oldProps[name], newProps[name], child(at, name), ctx);
    }
  }
  const [oldExtra, newExtra] = [a.additionalProperties, b.additionalProperties];
  if (isDeepStrictEqual(oldExtra, newExtra)) return;
  const closed = (v: unknown) => v === false;
  if (!closed(oldExtra) && closed(newExtra)) ctx.report("additional-properties-narrowed", at, "additionalProperties: false", { side: ctx.side });
  else if (closed(oldExtra) && !closed(newExtra)) ctx.report("additional-properties-widened", at, `additionalProperties ${show(newExtra)}`, { side: ctx.side });
  else diffSchema(isObject(oldExtra) ? oldExtra : {}, isObject(newExtra) ? newExtra : {}, child(at, "*"), ctx);
}

/** `response 200 body: data.runs[].status`: the message part, then the path inside its schema. */
const child = (at: string, name: string) => (at.includes(": ") ? `${at}.${name}` : `${at}: ${name}`);

function diffPositional(a: unknown, b: unknown, at: (i: number) => string, ctx: SchemaContext) {
  const [old, now] = [(a ?? []) as unknown[], (b ?? []) as unknown[]];
  for (let i = 0; i < Math.max(old.length, now.length); i++) diffSchema(old[i] ?? {}, now[i] ?? {}, at(i), ctx);
}

function diffComposition(keyword: "oneOf" | "anyOf" | "allOf", a: unknown, b: unknown, at: string, ctx: SchemaContext, report: (kind: "composition-narrowed" | "composition-widened", detail: string) => void) {
  const [old, now] = [(a ?? []) as unknown[], (b ?? []) as unknown[]];
  if (isDeepStrictEqual(old, now)) return;
  if (old.length === now.length) return old.forEach((branch, i) => diffSchema(branch, now[i], `${at} ${keyword}[${i}]`, ctx));
  // More branches of oneOf/anyOf admit more; more allOf conjuncts admit less.
  const added = now.filter((n) => !old.some((o) => isDeepStrictEqual(o, n)));
  const removed = old.filter((o) => !now.some((n) => isDeepStrictEqual(o, n)));
  const widen = keyword === "allOf" ? "composition-narrowed" : "composition-widened";
  const narrow = keyword === "allOf" ? "composition-widened" : "composition-narrowed";
  if (added.length > 0) report(widen, `${keyword}: ${added.length} branch(es) added: ${added.map((x) => show(x)).join(", ")}`);
  if (removed.length > 0) report(narrow, `${keyword}: ${removed.length} branch(es) removed: ${removed.map((x) => show(x)).join(", ")}`);
}
