import type { SchemaObject } from "@agent-analytics/contract";
import { stringForPattern } from "./pattern.js";
import type { Random } from "./random.js";
import { idSuffix, isEpochSecondsName, isRateName, magnitudeForName, stringForName } from "./realism.js";

const DAY = 86_400_000;

/** The window instants are drawn from (epoch ms). */
type TimeWindow = { from: number; to: number };

/** A number within the schema's bounds, of the magnitude its name suggests. */
export function generateNumber(random: Random, clock: TimeWindow, schema: SchemaObject, name: string, integer: boolean): number {
  const exclusiveMin = schema.exclusiveMinimum as number | undefined;
  const exclusiveMax = schema.exclusiveMaximum as number | undefined;
  const min = (schema.minimum as number | undefined) ?? (exclusiveMin !== undefined ? exclusiveMin + (integer ? 1 : 1e-6) : undefined);
  const max = (schema.maximum as number | undefined) ?? (exclusiveMax !== undefined ? exclusiveMax - (integer ? 1 : 1e-6) : undefined);
  if (integer && isEpochSecondsName(name) && (min ?? 0) >= 0 && max === undefined) {
    return Math.floor(random.int(clock.from, clock.to - 1) / 1000);
  }
  if (!integer && (isRateName(name) || (min === 0 && max === 1))) {
    return Math.round(random.next() * 10_000) / 10_000;
  }
  const [lo, hi] = magnitudeForName(name);
  const from = Math.max(min ?? (lo < 0 ? lo : 0), lo);
  const to = Math.min(max ?? hi, hi);
  const [a, b] = from <= to ? [from, to] : [min ?? 0, max ?? (min ?? 0) + 100];
  // Skewed towards small values: real counts are mostly modest with a long tail.
  const value = a + (b - a) * random.next() ** 2;
  const multipleOf = schema.multipleOf as number | undefined;
  if (multipleOf) return Math.round(value / multipleOf) * multipleOf;
  return integer ? Math.round(value) : Math.round(value * 100) / 100;
}

/** A string of the schema's format or pattern, else one its property name suggests. */
export function generateString(random: Random, clock: TimeWindow, schema: SchemaObject, name: string, parent: string | undefined): string {
  const format = schema.format as string | undefined;
  switch (format) {
    case "date-time":
      return new Date(Math.floor(random.int(clock.from, clock.to - 1) / 1000) * 1000).toISOString();
    case "date":
      return new Date(Math.floor(random.int(clock.from, clock.to - 1) / DAY) * DAY).toISOString().slice(0, 10);
    case "time":
      return new Date(random.int(clock.from, clock.to - 1)).toISOString().slice(11, 19) + "Z";
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

function hexDigits(random: Random, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += random.int(0, 15).toString(16);
  return out;
}

function uuid(random: Random): string {
  return `${hexDigits(random, 8)}-${hexDigits(random, 4)}-4${hexDigits(random, 3)}-${"89ab"[random.int(0, 3)]}${hexDigits(random, 3)}-${hexDigits(random, 12)}`;
}
