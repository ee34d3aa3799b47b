/**
 * Every kind of contract change, and whom it breaks. Clients send requests and read responses;
 * servers read requests and send responses. One principle decides most rules: a change that
 * narrows what may be sent breaks the side that sends it, a change that widens it breaks the side
 * that reads it. Relations (`x-invariants`, `x-request-invariants`, any other `x-` list of `{ id }`
 * entries) are obligations of servers: a new one breaks them; a removed one breaks clients that
 * relied on it.
 */
export type Side = "request" | "response";
export interface Breaks {
  client: boolean;
  server: boolean;
}
export interface RuleContext {
  /** Which message the changed value is part of. */
  side?: Side;
  /** For additions: whether the new parameter, property, body or header is required. */
  required?: boolean;
  /** For response statuses. */
  status?: string;
}

const NONE: Breaks = { client: false, server: false };
const CLIENTS: Breaks = { client: true, server: false };
const SERVERS: Breaks = { client: false, server: true };
const BOTH: Breaks = { client: true, server: true };
/** Fewer values may be sent: the sender's old output may now be invalid. */
const narrowing = ({ side }: RuleContext): Breaks => (side === "request" ? CLIENTS : SERVERS);
/** More values may be sent: the reader meets values it was not built for. */
const widening = ({ side }: RuleContext): Breaks => (side === "request" ? SERVERS : CLIENTS);

interface Rule {
  summary: string;
  breaks: (context: RuleContext) => Breaks;
  /** The one message side the rule can occur in, where there is one. */
  only?: Side;
}

export const RULES = {
  "operation-added": { summary: "new operation: servers claiming its class must implement it", breaks: () => SERVERS },
  "operation-removed": { summary: "operation removed: clients calling it fail", breaks: () => CLIENTS },
  "operation-class-changed": { summary: "operation moved to another conformance class", breaks: () => SERVERS },
  "parameter-added": { only: "request",
    summary: "new parameter: servers must honour it; clients must send it when required",
    breaks: ({ required }) => (required ? BOTH : SERVERS),
  },
  "parameter-removed": { only: "request", summary: "parameter removed (or renamed): clients sending it lose its effect", breaks: () => CLIENTS },
  "parameter-required": { only: "request", summary: "optional parameter made required", breaks: narrowing },
  "parameter-optional": { only: "request", summary: "required parameter made optional: servers must handle its absence", breaks: widening },
  "request-body-added": { only: "request", summary: "new request body", breaks: ({ required }) => (required ? BOTH : SERVERS) },
  "request-body-removed": { only: "request", summary: "request body removed", breaks: () => CLIENTS },
  "request-body-required": { only: "request", summary: "request body made required", breaks: narrowing },
  "request-body-optional": { only: "request", summary: "request body made optional", breaks: widening },
  "media-type-added": { summary: "new media type", breaks: widening },
  "media-type-removed": { summary: "media type removed", breaks: narrowing },
  "response-status-added": { only: "response",
    summary: "new response status: clients meet a success they do not expect (new errors fall to their error path)",
    breaks: ({ status }) => (status !== undefined && /^[23]/.test(status) ? CLIENTS : NONE),
  },
  "response-status-removed": { only: "response", summary: "response status removed: servers sending it are wrong", breaks: () => SERVERS },
  "property-added": {
    summary: "new property: a required one binds its sender; a new request property binds servers",
    breaks: ({ side, required }) => (side === "request" ? (required ? BOTH : SERVERS) : required ? SERVERS : NONE),
  },
  "property-removed": { summary: "property removed: clients lose it (or send what is no longer read)", breaks: () => CLIENTS },
  "property-required": { summary: "property made required", breaks: narrowing },
  "property-optional": { summary: "property made optional", breaks: widening },
  "type-narrowed": { summary: "fewer types allowed", breaks: narrowing },
  "type-widened": { summary: "more types allowed (including null)", breaks: widening },
  "type-changed": { summary: "type changed", breaks: () => BOTH },
  "enum-value-added": { summary: "enum value added (or enum removed)", breaks: widening },
  "enum-value-removed": { summary: "enum value removed (or enum added)", breaks: narrowing },
  "format-added": { summary: "format added", breaks: narrowing },
  "format-removed": { summary: "format removed", breaks: widening },
  "format-changed": { summary: "format changed", breaks: () => BOTH },
  "bound-narrowed": { summary: "bound tightened (minimum, maximum, length, items, pattern, uniqueness)", breaks: narrowing },
  "bound-widened": { summary: "bound relaxed", breaks: widening },
  "bound-changed": { summary: "bound changed neither tighter nor looser (pattern, multipleOf)", breaks: () => BOTH },
  "additional-properties-narrowed": { summary: "additional properties forbidden", breaks: narrowing },
  "additional-properties-widened": { summary: "additional properties allowed", breaks: widening },
  "composition-narrowed": { summary: "oneOf/anyOf branch removed or allOf branch added", breaks: narrowing },
  "composition-widened": { summary: "oneOf/anyOf branch added or allOf branch removed", breaks: widening },
  "default-changed": { summary: "default changed: requests that omit the value mean something else", breaks: ({ side }) => (side === "request" ? BOTH : NONE) },
  "security-alternative-added": { summary: "new way to authenticate: servers must accept it", breaks: () => SERVERS },
  "security-alternative-removed": { summary: "a way to authenticate (or anonymous access) removed", breaks: () => CLIENTS },
  "security-scheme-changed": { summary: "security scheme changed (type, scheme, header or name)", breaks: () => BOTH },
  "invariant-added": { summary: "new x-invariants relation servers must obey", breaks: () => SERVERS },
  "invariant-removed": { summary: "x-invariants relation removed: clients relying on it", breaks: () => CLIENTS },
  "invariant-changed": { summary: "x-invariants relation changed", breaks: () => BOTH },
  "request-invariant-added": { only: "request", summary: "new x-request-invariants rule: requests that break it are refused", breaks: () => BOTH },
  "request-invariant-removed": { only: "request", summary: "x-request-invariants rule removed: servers must accept more", breaks: () => SERVERS },
  "request-invariant-changed": { only: "request", summary: "x-request-invariants rule changed", breaks: () => BOTH },
  "relation-added": { summary: "new entry in an x- relation list (treated as a server obligation)", breaks: () => SERVERS },
  "relation-removed": { summary: "entry removed from an x- relation list", breaks: () => CLIENTS },
  "relation-changed": { summary: "entry of an x- relation list changed", breaks: () => BOTH },
  "max-limit-lowered": { only: "request", summary: "x-max-records / x-max-bytes lowered or added", breaks: () => CLIENTS },
  "max-limit-raised": { only: "request", summary: "x-max-records / x-max-bytes raised or removed: servers must accept more", breaks: () => SERVERS },
  "error-template-changed": { summary: "x-error-template changed: error bodies change", breaks: () => BOTH },
  "extension-changed": { summary: "another x- extension changed (not classified: review it)", breaks: () => NONE },
  documentation: { summary: "description, summary, title, example or deprecation", breaks: () => NONE },
} satisfies Record<string, Rule>;

export type RuleKind = keyof typeof RULES;

export interface Change {
  kind: RuleKind;
  /** The operation (`GET /path`), or `components`/`document` for changes outside operations. */
  where: string;
  /** Where inside it, readable: `query parameter limit`, `response 200 body: data.runs[].status`. */
  at: string;
  detail: string;
  client: boolean;
  server: boolean;
}

export type Report = (kind: RuleKind, at: string, detail: string, context?: RuleContext) => void;

/** A reporter that classifies each change by its rule and collects it. */
export function collector(where: string, into: Change[]): Report {
  return (kind, at, detail, context = {}) => into.push({ kind, where, at, detail, ...RULES[kind].breaks(context) });
}
