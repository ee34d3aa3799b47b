import type { OpenApiDocument } from "./document.js";
import { parseDate } from "./invariants/values.js";

/** Where the contract declares its rules on request input (`components.x-input-rules`). */
export const INPUT_RULES = "x-input-rules";

/** The instants a request's `date` and `date-time` values may name: `[minimum, exclusiveMaximum)`. */
export interface InstantRange {
  minimum: number;
  exclusiveMaximum: number;
  /** As the contract writes them, for messages. */
  text: { minimum: string; exclusiveMaximum: string };
}

/** The rules a document declares; each is absent where the document declares none. */
export interface InputRules {
  /** Characters no request string may hold (a `u`-flag regular expression). */
  forbiddenText?: RegExp;
  instants?: InstantRange;
  /** The integers a request's integer parameters may hold: `[minimum, maximum]`. */
  integers?: { minimum: number; maximum: number };
}

interface Declared {
  text?: { forbidden?: string };
  instants?: { minimum?: string; exclusiveMaximum?: string };
  integers?: { minimum?: number; maximum?: number };
}

const cache = new WeakMap<OpenApiDocument, InputRules>();

/**
 * The document's `x-input-rules`, compiled. Stated once in the contract, so that the pipeline, the
 * validator's formats and the conformance kit read the same rule rather than a list of fields.
 */
export function inputRules(doc: OpenApiDocument): InputRules {
  const known = cache.get(doc);
  if (known) return known;
  const declared = (doc.components?.[INPUT_RULES] ?? {}) as Declared;
  const rules: InputRules = {};
  if (declared.text?.forbidden) rules.forbiddenText = new RegExp(declared.text.forbidden, "u");
  const { minimum, exclusiveMaximum } = declared.instants ?? {};
  if (minimum && exclusiveMaximum) {
    rules.instants = { minimum: parseDate(minimum), exclusiveMaximum: parseDate(exclusiveMaximum), text: { minimum, exclusiveMaximum } };
  }
  const integers = declared.integers;
  if (typeof integers?.minimum === "number" && typeof integers.maximum === "number") rules.integers = { minimum: integers.minimum, maximum: integers.maximum };
  cache.set(doc, rules);
  return rules;
}

/** Whether an instant (epoch milliseconds) is within the range; any instant when there is none. */
export function instantAccepted(range: InstantRange | undefined, ms: number): boolean {
  return !range || (ms >= range.minimum && ms < range.exclusiveMaximum);
}

/** What a message says of the range. */
export function describeInstantRange(range: InstantRange): string {
  return `an instant from ${range.text.minimum} up to but not including ${range.text.exclusiveMaximum}`;
}
