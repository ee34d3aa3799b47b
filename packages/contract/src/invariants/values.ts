import { utcMs } from "../calendar.js";
import { InvariantEvaluationError } from "./errors.js";

/** A value an expression can produce. Lambdas only exist as function arguments. */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

export type Lambda = (value: Value) => Value;

export function describe(value: Value): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `list(${value.length})`;
  if (typeof value === "object") return "object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

export function asNumber(value: Value, what: string): number {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new InvariantEvaluationError(`${what} needs a number, got ${describe(value)}`);
  }
  return value;
}

export function asList(value: Value, what: string): Value[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new InvariantEvaluationError(`${what} needs a list, got ${describe(value)}`);
  return value;
}

/** Structural equality: JSON values are equal when they have the same content. */
export function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function truthy(value: Value): boolean {
  if (typeof value !== "boolean") throw new InvariantEvaluationError(`expected a boolean, got ${describe(value)}`);
  return value;
}

// Invariants compare the same few timestamps over and over (a response's range, the request's
// bounds), so parsed values are remembered; the cache is emptied when it grows past its bound.
const parsedDates = new Map<string, number>();
const PARSED_DATES_BOUND = 50_000;

/** Milliseconds since the epoch of an ISO 8601 date or date-time; a date-time without offset is UTC. */
export function parseDate(text: string): number {
  const known = parsedDates.get(text);
  if (known !== undefined) return known;
  const ms = parseDateUncached(text);
  if (parsedDates.size >= PARSED_DATES_BOUND) parsedDates.clear();
  parsedDates.set(text, ms);
  return ms;
}

function parseDateUncached(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!match) throw new InvariantEvaluationError(`not an ISO 8601 date or date-time: ${JSON.stringify(text)}`);
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", offset] = match;
  // A leap second (`:60`) overflows into the next minute's first instant, as the contract defines it.
  let ms = utcMs(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (frac) ms += Math.round(Number(frac) * 1000);
  if (offset && offset.toUpperCase() !== "Z") {
    const sign = offset[0] === "-" ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const check = new Date(utcMs(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) {
    throw new InvariantEvaluationError(`not a calendar date: ${JSON.stringify(text)}`);
  }
  return ms;
}
