import type { OpenApiDocument, SchemaObject } from "@agent-analytics/contract";
import { applyDerivations, derivationsOf } from "./derived-fields.js";
import { stringForPattern } from "./pattern.js";
import type { Random } from "./random.js";
import { MODELS, idSuffix, isEpochSecondsName, isRateName, magnitudeForName, stringForName } from "./realism.js";
import { isNullable, itemName, nonNullBranches, rememberSchema, resolveSchema } from "./schema-tools.js";

export interface GenerationContext {
  doc: OpenApiDocument;
  random: Random;
  /** The time window generated timestamps fall in (epoch ms); the solver narrows it per request. */
  clock: { from: number; to: number };
  /** Array schemas generated empty: lists a calendar series will lay out anyway. */
  emptyArrays?: Set<SchemaObject>;
}

const DAY = 86_400_000;

/**
 * A value valid against `schema`, shaped by its bounds, formats and the property name. Every
 * generated object and array remembers its schema, so the solver can later grow a list or refill
 * a field without walking the document again.
 */
export function generateValue(ctx: GenerationContext, schemaIn: unknown, name = "", parent?: string, depth = 0): unknown {
  const shape = shapeOf(ctx.doc, schemaIn);
  const { schema } = shape;
  if (shape.hasConst) return schema.const;
  if (shape.enum) return ctx.random.pick(shape.enum);
  if (shape.nullable && ctx.random.chance(0.15)) return null;
  const { branches } = shape;
  const chosen = branches.length > 1 ? ctx.random.pick(branches) : (branches[0] ?? schema);
  if (chosen !== schema) return generateValue(ctx, chosen, name, parent, depth);

  switch (shape.type) {
    case "object":
      return generateObject(ctx, schema, name, depth);
    case "array":
      return generateArray(ctx, schema, name, depth);
    case "integer":
      return generateNumber(ctx, schema, name, true);
    case "number":
      return generateNumber(ctx, schema, name, false);
    case "boolean":
      return ctx.random.chance(0.5);
    case "null":
      return null;
    default:
      return generateString(ctx, schema, name, parent);
  }
}

/** What `generateValue` reads off a schema before drawing, worked out once per schema object. */
interface Shape {
  schema: SchemaObject;
  hasConst: boolean;
  enum: unknown[] | undefined;
  nullable: boolean;
  branches: SchemaObject[];
  type: string;
}

const shapes = new WeakMap<object, Shape>();

function shapeOf(doc: OpenApiDocument, schemaIn: unknown): Shape {
  const cached = typeof schemaIn === "object" && schemaIn !== null ? shapes.get(schemaIn) : undefined;
  if (cached) return cached;
  const schema = resolveSchema(doc, schemaIn);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const shape: Shape = {
    schema,
    hasConst: "const" in schema,
    enum: Array.isArray(schema.enum) ? schema.enum : undefined,
    nullable: isNullable(schema),
    branches: nonNullBranches(doc, schema),
    type: (type as string | undefined) ?? inferType(schema),
  };
  if (typeof schemaIn === "object" && schemaIn !== null) shapes.set(schemaIn, shape);
  return shape;
}

function inferType(schema: SchemaObject): string {
  if (schema.properties) return "object";
  if (schema.items) return "array";
  return "string";
}

interface ObjectLayout {
  properties: [key: string, sub: unknown, required: boolean][];
}

const layouts = new WeakMap<SchemaObject, ObjectLayout>();

/** An object schema's properties and which are required, read once per schema. */
function layoutOf(schema: SchemaObject): ObjectLayout {
  let layout = layouts.get(schema);
  if (!layout) {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    layout = { properties: Object.entries(properties).map(([key, sub]) => [key, sub, required.has(key)]) };
    layouts.set(schema, layout);
  }
  return layout;
}

function generateObject(ctx: GenerationContext, schema: SchemaObject, name: string, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  rememberSchema(out, schema);
  for (const [key, sub, required] of layoutOf(schema).properties) {
    // Optional properties are included (a response shows what it can hold) unless nesting runs deep.
    if (!required && depth > 4) continue;
    out[key] = generateValue(ctx, sub, key, name, depth + 1);
  }
  pairModelAndProvider(out);
  pairStartAndEnd(ctx, out);
  const derivations = derivationsOf(schema);
  if (derivations.length > 0) applyDerivations(out, derivations);
  return out;
}

const START = /^(start|created|opened|began|begin)/i;
const END = /^(complet|finish|end|updated|closed|stopp|processed)/i;
const MODEL_KEY = /^model(_?id)?$/i;
const PROVIDER_KEY = /provider$/i;

/** Property names are few: each name's test result is kept. */
function memoTest(pattern: RegExp): (key: string) => boolean {
  const seen = new Map<string, boolean>();
  return (key) => {
    let hit = seen.get(key);
    if (hit === undefined) seen.set(key, (hit = pattern.test(key)));
    return hit;
  };
}
const isStartKey = memoTest(START);
const isEndKey = memoTest(END);
const isModelKey = memoTest(MODEL_KEY);
const isProviderKey = memoTest(PROVIDER_KEY);

/**
 * An object's end-like instant (`completedAt`, `finished_at`, `updated_at`) follows its start-like
 * one (`startedAt`, `created_at`) by seconds to an hour, as a run's completion follows its start,
 * rather than landing anywhere in the month. Works for ISO strings and epoch-second integers.
 */
function pairStartAndEnd(ctx: GenerationContext, out: Record<string, unknown>): void {
  const keys = Object.keys(out);
  const startKey = keys.find((k) => isStartKey(k) && out[k] !== null);
  if (!startKey) return;
  const start = out[startKey];
  for (const key of keys) {
    if (!isEndKey(key) || out[key] === null || out[key] === undefined) continue;
    const value = out[key];
    if (typeof start === "string" && typeof value === "string" && !Number.isNaN(Date.parse(start)) && value.length === start.length) {
      const ms = Date.parse(start) + ctx.random.int(1, 3600) * 1000;
      const iso = new Date(ms).toISOString();
      out[key] = start.includes(".") ? iso : iso.replace(".000Z", "Z");
    } else if (typeof start === "number" && typeof value === "number" && Number.isInteger(start) && start > 1e9 && value > 1e9) {
      out[key] = start + ctx.random.int(0, 3600);
    }
  }
}

/** A model id and its provider in one object belong together. */
function pairModelAndProvider(out: Record<string, unknown>): void {
  const keys = Object.keys(out);
  const modelKey = keys.find((k) => isModelKey(k) && typeof out[k] === "string");
  const providerKey = keys.find((k) => isProviderKey(k) && typeof out[k] === "string");
  if (!modelKey || !providerKey) return;
  const model = MODELS.find((m) => m.id === out[modelKey]);
  if (model) out[providerKey] = model.provider;
}

function generateArray(ctx: GenerationContext, schema: SchemaObject, name: string, depth: number): unknown[] {
  if (ctx.emptyArrays?.has(schema)) {
    const empty: unknown[] = [];
    rememberSchema(empty, schema);
    return empty;
  }
  const min = Math.min((schema.minItems as number | undefined) ?? 0, 1000);
  const max = Math.min((schema.maxItems as number | undefined) ?? Infinity, min + (depth > 2 ? 3 : 8));
  const length = ctx.random.int(Math.max(min, Math.min(1, max)), max);
  const out: unknown[] = [];
  rememberSchema(out, schema);
  const element = itemName(schema.items, name);
  for (let i = 0; i < length; i++) out.push(generateValue(ctx, schema.items ?? {}, element, element, depth + 1));
  return out;
}

function generateNumber(ctx: GenerationContext, schema: SchemaObject, name: string, integer: boolean): number {
  const exclusiveMin = schema.exclusiveMinimum as number | undefined;
  const exclusiveMax = schema.exclusiveMaximum as number | undefined;
  const min = (schema.minimum as number | undefined) ?? (exclusiveMin !== undefined ? exclusiveMin + (integer ? 1 : 1e-6) : undefined);
  const max = (schema.maximum as number | undefined) ?? (exclusiveMax !== undefined ? exclusiveMax - (integer ? 1 : 1e-6) : undefined);
  if (integer && isEpochSecondsName(name) && (min ?? 0) >= 0 && max === undefined) {
    return Math.floor(ctx.random.int(ctx.clock.from, ctx.clock.to - 1) / 1000);
  }
  if (!integer && (isRateName(name) || (min === 0 && max === 1))) {
    return Math.round(ctx.random.next() * 10_000) / 10_000;
  }
  const [lo, hi] = magnitudeForName(name);
  const from = Math.max(min ?? (lo < 0 ? lo : 0), lo);
  const to = Math.min(max ?? hi, hi);
  const [a, b] = from <= to ? [from, to] : [min ?? 0, max ?? (min ?? 0) + 100];
  // Skewed towards small values: real counts are mostly modest with a long tail.
  const value = a + (b - a) * ctx.random.next() ** 2;
  const multipleOf = schema.multipleOf as number | undefined;
  if (multipleOf) return Math.round(value / multipleOf) * multipleOf;
  return integer ? Math.round(value) : Math.round(value * 100) / 100;
}

function generateString(ctx: GenerationContext, schema: SchemaObject, name: string, parent: string | undefined): string {
  const format = schema.format as string | undefined;
  const { random } = ctx;
  switch (format) {
    case "date-time":
      return new Date(Math.floor(random.int(ctx.clock.from, ctx.clock.to - 1) / 1000) * 1000).toISOString();
    case "date":
      return new Date(Math.floor(random.int(ctx.clock.from, ctx.clock.to - 1) / DAY) * DAY).toISOString().slice(0, 10);
    case "time":
      return new Date(random.int(ctx.clock.from, ctx.clock.to - 1)).toISOString().slice(11, 19) + "Z";
    case "email":
      return random.text("email");
    case "uuid":
      return uuid(random);
    case "uri":
    case "url":
      return random.text("url");
    case "hostname":
      return random.text("domain");
    case "ipv4":
      return random.text("ipv4");
  }
  if (typeof schema.pattern === "string") {
    const fromPattern = stringForPattern(schema.pattern, random);
    if (fromPattern !== undefined) return fromPattern;
    const example = schema.example ?? (schema.examples as unknown[] | undefined)?.[0];
    if (typeof example === "string") return example;
  }
  let text = stringForName(name, parent, random) ?? random.text("word");
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = schema.maxLength as number | undefined;
  while (text.length < minLength) text += idSuffix(random, minLength - text.length).toLowerCase();
  if (maxLength !== undefined && text.length > maxLength) text = text.slice(0, maxLength);
  return text;
}

function hexDigits(random: GenerationContext["random"], n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += random.int(0, 15).toString(16);
  return out;
}

function uuid(random: GenerationContext["random"]): string {
  return `${hexDigits(random, 8)}-${hexDigits(random, 4)}-4${hexDigits(random, 3)}-${"89ab"[random.int(0, 3)]}${hexDigits(random, 3)}-${hexDigits(random, 12)}`;
}
