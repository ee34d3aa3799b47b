/**
 * Per-request mock controls, Prism's conventions plus latency and failure knobs:
 * `Prefer: code=404, example=empty, dynamic=false, seed=7, delay=200, fail-rate=0.5`, or the query
 * forms `__code`, `__example`, `__dynamic`, `__seed`, `__delay`, `__fail_rate` (read only when the
 * request has no Prefer header). Preferences registered by RFC 7240 (`return`, `respond-async`,
 * `wait`, `handling`) are accepted and ignored; anything else is a mistake worth reporting.
 */
export interface MockPreferences {
  code?: number;
  example?: string;
  dynamic?: boolean;
  seed?: string;
  delay?: DelayRange;
  failRate?: number;
}

export interface DelayRange {
  min: number;
  max: number;
}

export type PreferParse = { ok: true; preferences: MockPreferences } | { ok: false; message: string };

const RFC7240 = new Set(["return", "respond-async", "wait", "handling"]);
const QUERY_FORMS: Record<string, string> = {
  __code: "code",
  __example: "example",
  __dynamic: "dynamic",
  __seed: "seed",
  __delay: "delay",
  __fail_rate: "fail-rate",
};

export function isControlParameter(name: string): boolean {
  return name.startsWith("__");
}

export function parsePreferHeader(header: string): PreferParse {
  const pairs: [string, string | undefined][] = [];
  for (const raw of header.split(/[,;]/)) {
    const token = raw.trim();
    if (token === "") continue;
    const match = /^([A-Za-z][A-Za-z0-9_-]*)\s*(?:=\s*(?:"([^"]*)"|([^\s"]+)))?$/.exec(token);
    if (!match) return { ok: false, message: `malformed Prefer token '${token}'` };
    pairs.push([match[1]!.toLowerCase(), match[2] ?? match[3]]);
  }
  return interpret(pairs);
}

export function parsePreferQuery(query: Record<string, string | string[] | undefined>): PreferParse {
  const pairs: [string, string | undefined][] = [];
  for (const [name, value] of Object.entries(query)) {
    if (!isControlParameter(name)) continue;
    const key = QUERY_FORMS[name];
    if (!key) return { ok: false, message: `unknown control parameter '${name}'` };
    if (Array.isArray(value)) return { ok: false, message: `${name} must be given once` };
    pairs.push([key, value]);
  }
  return interpret(pairs);
}

function interpret(pairs: [string, string | undefined][]): PreferParse {
  const preferences: MockPreferences = {};
  for (const [key, value] of pairs) {
    if (RFC7240.has(key)) continue;
    if (value === undefined || value === "") return { ok: false, message: `preference '${key}' needs a value` };
    switch (key) {
      case "code":
        if (!/^[1-5]\d\d$/.test(value)) return { ok: false, message: `code must be an HTTP status, got '${value}'` };
        preferences.code = Number(value);
        break;
      case "example":
        preferences.example = value;
        break;
      case "dynamic":
        if (value !== "true" && value !== "false") return { ok: false, message: `dynamic must be true or false, got '${value}'` };
        preferences.dynamic = value === "true";
        break;
      case "seed":
        if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(value)) return { ok: false, message: `seed must be 1-64 letters, digits or _.:-, got '${value}'` };
        preferences.seed = value;
        break;
      case "delay": {
        const delay = parseDelay(value);
        if (!delay) return { ok: false, message: `delay must be milliseconds (200) or a range (100-500) up to 60000, got '${value}'` };
        preferences.delay = delay;
        break;
      }
      case "fail-rate": {
        const rate = Number(value);
        if (!/^\d*\.?\d+$/.test(value) || rate > 1) return { ok: false, message: `fail-rate must be a number in [0, 1], got '${value}'` };
        preferences.failRate = rate;
        break;
      }
      default:
        return { ok: false, message: `unknown preference '${key}'` };
    }
  }
  return { ok: true, preferences };
}

/** `200` or `100-500` (milliseconds, at most a minute). */
export function parseDelay(text: string): DelayRange | undefined {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (max < min || max > 60_000) return undefined;
  return { min, max };
}
