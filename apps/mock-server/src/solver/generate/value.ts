import type { OpenApiDocument, SchemaObject } from "@agent-analytics/contract";
import { applyDerivations, derivationsOf } from "./derived-fields.js";
import type { Random } from "./random.js";
import { pairModelAndProvider, pairStartAndEnd } from "./realism.js";
import { generateNumber, generateString } from "./scalars.js";
import { isNullable, itemName, nonNullBranches, rememberSchema, resolveSchema } from "./schema-tools.js";

/** The time window generated timestamps fall in (epoch ms). */
interface Clock {
  from: number;
  to: number;
}

export interface GenerationContext {
  doc: OpenApiDocument;
  random: Random;
  /** The mock's last 30 days for a whole body; one period for a calendar series' row. */
  clock: Clock;
  /** Array schemas generated empty: lists a calendar series will lay out anyway. */
  emptyArrays?: Set<SchemaObject>;
}

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
      return generateNumber(ctx.random, ctx.clock, schema, name, true);
    case "number":
      return generateNumber(ctx.random, ctx.clock, schema, name, false);
    case "boolean":
      return ctx.random.chance(0.5);
    case "null":
      return null;
    default:
      return generateString(ctx.random, ctx.clock, schema, name, parent);
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

// A memo of a pure function of the schema object (documents are not modified while served).
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

type ObjectLayout = [key: string, sub: unknown, required: boolean][];

// A memo of a pure function of the schema object.
const layouts = new WeakMap<SchemaObject, ObjectLayout>();

/** An object schema's properties and which are required, read once per schema. */
function layoutOf(schema: SchemaObject): ObjectLayout {
  let layout = layouts.get(schema);
  if (!layout) {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    layout = Object.entries(properties).map(([key, sub]) => [key, sub, required.has(key)]);
    layouts.set(schema, layout);
  }
  return layout;
}

function generateObject(ctx: GenerationContext, schema: SchemaObject, name: string, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  rememberSchema(out, schema);
  for (const [key, sub, required] of layoutOf(schema)) {
    // Optional properties are included (a response shows what it can hold) unless nesting runs deep.
    if (!required && depth > 4) continue;
    out[key] = generateValue(ctx, sub, key, name, depth + 1);
  }
  pairModelAndProvider(out);
  pairStartAndEnd(ctx.random, out);
  const derivations = derivationsOf(schema);
  if (derivations.length > 0) applyDerivations(out, derivations);
  return out;
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
