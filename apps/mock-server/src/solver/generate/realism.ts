import type { Random } from "./random.js";

/**
 * Property-name conventions that make generated values look like real analytics data. Only names
 * and formats are read here, never operation ids: a new module gets the same treatment.
 */

const MODELS: readonly { id: string; provider: string }[] = [
  { id: "gpt-4o", provider: "OpenAI" },
  { id: "gpt-4o-mini", provider: "OpenAI" },
  { id: "gpt-4.1", provider: "OpenAI" },
  { id: "o3-mini", provider: "OpenAI" },
  { id: "claude-sonnet-4-5", provider: "Anthropic" },
  { id: "claude-haiku-4-5", provider: "Anthropic" },
  { id: "gemini-2.5-pro", provider: "Google" },
  { id: "gemini-2.5-flash", provider: "Google" },
  { id: "llama-3.3-70b", provider: "Meta" },
  { id: "mistral-large-latest", provider: "Mistral" },
];

const ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID-like suffix: sortable-looking, unambiguous. */
export function idSuffix(random: Random, length = 10): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ID_ALPHABET[random.int(0, ID_ALPHABET.length - 1)];
  return out;
}

/** `agentId` -> "agent", `run_id` -> "run", `id` inside `runs` -> "run". */
function entityOf(name: string, parent: string | undefined): string | undefined {
  const own = /^(.+?)_?Id$/i.exec(name)?.[1];
  const base = own && own.toLowerCase() !== "" ? own : name === "id" ? parent : undefined;
  if (!base) return undefined;
  return base
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/ies$/, "y")
    .replace(/s$/, "");
}

const isId = (name: string) => name === "id" || /(_id|Id)$/.test(name);

type NameKind = "model" | "provider" | "id" | "user" | "agent" | "email" | "name" | "phrase" | "url" | "role" | "none";

/** What a property name says about its string, worked out once per name. */
const nameKinds = new Map<string, NameKind>();

function nameKind(name: string): NameKind {
  let kind = nameKinds.get(name);
  if (kind === undefined) nameKinds.set(name, (kind = nameKindUncached(name)));
  return kind;
}

function nameKindUncached(name: string): NameKind {
  const lower = name.toLowerCase();
  if (/model(_id)?$/.test(lower) || lower === "modelid") return "model";
  if (/provider$/.test(lower)) return "provider";
  if (isId(name)) return "id";
  if (lower === "user" || lower === "username") return "user";
  if (lower === "assistant" || lower === "agent") return "agent";
  if (lower.includes("email")) return "email";
  if (lower === "name" || lower.endsWith("name")) return "name";
  if (/(error|message|detail|description|summary|reason)$/.test(lower)) return "phrase";
  if (/url$|uri$/.test(lower)) return "url";
  if (lower === "role") return "role";
  return "none";
}

/** An id's prefix (`run_`), or "model" for a model id, per name and parent name. */
const idPrefixes = new Map<string, string>();

function idPrefix(name: string, parent: string | undefined): string {
  const key = `${name}\u0000${parent ?? ""}`;
  let prefix = idPrefixes.get(key);
  if (prefix === undefined) {
    const entity = entityOf(name, parent);
    prefix = entity === "model" ? "model" : entity ? entity.replace(/[^a-z0-9]+/g, "_") + "_" : "";
    idPrefixes.set(key, prefix);
  }
  return prefix;
}

/** A realistic string for a property name, or undefined when the name says nothing. */
export function stringForName(name: string, parent: string | undefined, random: Random): string | undefined {
  switch (nameKind(name)) {
    case "model":
      return random.pick(MODELS).id;
    case "provider":
      return random.pick(MODELS).provider;
    case "id": {
      const prefix = idPrefix(name, parent);
      if (prefix === "model") return random.pick(MODELS).id;
      return `${prefix}${idSuffix(random)}`;
    }
    case "user":
      return `user_${String(random.int(1, 9999)).padStart(4, "0")}`;
    case "agent":
      return `agent_${random.text("noun")}`;
    case "email":
      return random.text("email");
    case "name":
      return random.text("product").replace(/^\w/, (c) => c.toUpperCase()) + " agent";
    case "phrase":
      return random.text("phrase");
    case "url":
      return random.text("url");
    case "role":
      return random.pick(["admin", "member", "viewer"]);
    case "none":
      return undefined;
  }
}

/**
 * A plausible magnitude for a non-negative count from its name: token counts are large, durations
 * are milliseconds of a typical run, user and agent counts are small, everything else is moderate.
 */
const magnitudes = new Map<string, [number, number]>();

export function magnitudeForName(name: string): [number, number] {
  let found = magnitudes.get(name);
  if (!found) magnitudes.set(name, (found = magnitudeUncached(name)));
  return found;
}

function magnitudeUncached(name: string): [number, number] {
  const lower = name.toLowerCase();
  if (lower.includes("token")) return [200, 250_000];
  if (/(durationms|ms$|_ms$|latency)/.test(lower)) return [800, 90_000];
  if (/(users|agents|kb|unique|sessions)/.test(lower)) return [1, 120];
  if (/(runs|posts|feedback|helpful|tool|task)/.test(lower)) return [0, 600];
  if (/(messages|events|total|count|conversation)/.test(lower)) return [10, 6_000];
  return [0, 1_000];
}

/** Integer fields holding epoch seconds (`created_at: 1753993132`). */
const epochSecondsNames = new Map<string, boolean>();

export function isEpochSecondsName(name: string): boolean {
  let is = epochSecondsNames.get(name);
  if (is === undefined) epochSecondsNames.set(name, (is = /(_at|At|timestamp|time)$/.test(name)));
  return is;
}

export function isRateName(name: string): boolean {
  return /(rate|ratio|share|percent|probability|score)$/i.test(name);
}

const START = /^(start|created|opened|began|begin)/i;
const END = /^(complet|finish|end|updated|closed|stopp|processed)/i;
const MODEL_KEY = /^model(_?id)?$/i;
const PROVIDER_KEY = /provider$/i;

/** Property names are few: each name's test result is kept (a memo of a pure function of the name). */
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
export function pairStartAndEnd(random: Random, out: Record<string, unknown>): void {
  const keys = Object.keys(out);
  const startKey = keys.find((k) => isStartKey(k) && out[k] !== null);
  if (!startKey) return;
  const start = out[startKey];
  for (const key of keys) {
    if (!isEndKey(key) || out[key] === null || out[key] === undefined) continue;
    const value = out[key];
    if (typeof start === "string" && typeof value === "string" && !Number.isNaN(Date.parse(start)) && value.length === start.length) {
      const ms = Date.parse(start) + random.int(1, 3600) * 1000;
      const iso = new Date(ms).toISOString();
      out[key] = start.includes(".") ? iso : iso.replace(".000Z", "Z");
    } else if (typeof start === "number" && typeof value === "number" && Number.isInteger(start) && start > 1e9 && value > 1e9) {
      out[key] = start + random.int(0, 3600);
    }
  }
}

/** A model id and its provider in one object belong together. */
export function pairModelAndProvider(out: Record<string, unknown>): void {
  const keys = Object.keys(out);
  const modelKey = keys.find((k) => isModelKey(k) && typeof out[k] === "string");
  const providerKey = keys.find((k) => isProviderKey(k) && typeof out[k] === "string");
  if (!modelKey || !providerKey) return;
  const model = MODELS.find((m) => m.id === out[modelKey]);
  if (model) out[providerKey] = model.provider;
}
