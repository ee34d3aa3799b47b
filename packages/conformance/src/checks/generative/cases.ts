import { deref, type Operation, type SchemaObject } from "@agent-analytics/contract";
import fc from "fast-check";
import type { Call } from "../../http.js";
import type { RunContext } from "../../run-context.js";
import { HOSTILE_STRINGS } from "./hostile.js";
import { edgeValues, validValues, type Drawn } from "./values.js";
import { BODY_VIOLATIONS, invalidValues } from "./violations.js";

/** One generated request, with what makes it what it is (for messages). */
export interface Case {
  call: Call;
  /** Holds an edge value (see Drawn.edge). */
  edge: boolean;
  what: string;
}

export type CaseKind = "valid" | "invalid" | "hostile";

/** The parameters a generated request sets: path and query (headers are the credentials'). */
const paramsOf = (op: Operation) => op.parameters.filter((p) => p.in === "path" || p.in === "query");

/** The operation's sample request, or one with no path ids when the kit knows none. */
function baseCall(ctx: RunContext, op: Operation): Call {
  const sample = ctx.sampleCall(op);
  return typeof sample === "string" ? { path: {}, query: {} } : sample;
}

/** The schema of one batch record type's items and its fields, read from the contract. */
function bodyFieldSchemas(ctx: RunContext, op: Operation): { list: string; id?: SchemaObject; metadataValue?: SchemaObject } | undefined {
  const media = op.requestBody?.content["application/json"]?.schema;
  if (!media) return undefined;
  const batch = deref<SchemaObject>(ctx.doc, media);
  const lists = (batch.properties ?? {}) as Record<string, SchemaObject>;
  // The first record type whose items have only an id required: a record with no time, no window touched.
  for (const [list, listSchema] of Object.entries(lists)) {
    const items = deref<SchemaObject>(ctx.doc, (deref<SchemaObject>(ctx.doc, listSchema).items ?? {}) as SchemaObject);
    const required = (items.required ?? []) as string[];
    if (required.length !== 1 || required[0] !== "id") continue;
    const props = (items.properties ?? {}) as Record<string, SchemaObject>;
    const metadata = props.metadata ? deref<SchemaObject>(ctx.doc, props.metadata) : undefined;
    return { list, id: props.id, metadataValue: metadata?.additionalProperties as SchemaObject | undefined };
  }
  return undefined;
}

/**
 * Generated requests of one kind for one operation: the arbitrary, and the cases every run sends
 * first (each listed violation once; each hostile string once, in turn at each place), so that a
 * run covers every listed case whatever its seed and --max-examples.
 */
export function casesFor(ctx: RunContext, op: Operation, kind: CaseKind): { arbitrary: fc.Arbitrary<Case>; always: Case[] } | undefined {
  const base = baseCall(ctx, op);
  const params = paramsOf(op);
  const sampleOf = (name: string, where: "path" | "query") => (where === "path" ? base.path?.[name] : base.query?.[name]?.toString());
  const fields = op.requestBody ? bodyFieldSchemas(ctx, op) : undefined;

  if (kind === "valid") {
    const drawn: Record<string, fc.Arbitrary<Drawn | undefined>> = {};
    for (const p of params) {
      const values = validValues(ctx.doc, p.schema, sampleOf(p.name, p.in as "path" | "query"));
      drawn[p.name] = p.required ? values : fc.option(values, { nil: undefined, freq: 3 });
    }
    const body = fields ? validBody(ctx, fields) : fc.constant(undefined);
    const valid = fc.record({ values: fc.record(drawn), body }).map(({ values, body: b }) => {
      const call: Call = { path: {}, query: {} };
      for (const p of params) {
        const v = values[p.name];
        if (v === undefined) continue;
        if (p.in === "path") call.path![p.name] = v.value;
        else call.query![p.name] = v.value;
      }
      if (b) call.body = b.body;
      const edge = Object.values(values).some((v) => v?.edge) || (b?.edge ?? false);
      const shown = [...Object.entries(call.path ?? {}), ...Object.entries(call.query ?? {})].map(([k, v]) => `${k}=${short(String(v))}`);
      if (b) shown.push(`body ${short(JSON.stringify(b.body))}`);
      return { call, edge, what: `a request valid against the contract (${shown.join(", ") || "no parameters"})` };
    });
    // Each edge of each parameter once, the others as in the sample: every run covers every edge.
    const always: Case[] = [];
    for (const p of params) {
      for (const e of edgeValues(ctx.doc, p.schema)) {
        const c = withValue(base, p.in as "path" | "query", p.name, e, `a request valid against the contract with the edge ${p.name}=${short(e)}`);
        always.push({ ...c, edge: true });
      }
    }
    return { arbitrary: valid, always };
  }

  if (kind === "invalid") {
    const options: Case[] = [];
    for (const p of params) {
      const where = p.in as "path" | "query";
      for (const bad of invalidValues(ctx.doc, p.schema)) options.push(withValue(base, where, p.name, bad, `${p.name}=${JSON.stringify(bad)}`));
      if (p.required && where === "query") {
        const query = { ...base.query };
        delete query[p.name];
        options.push({ call: { ...base, query }, edge: false, what: `${p.name} missing` });
      }
    }
    if (op.requestBody) {
      for (const v of BODY_VIOLATIONS) {
        options.push({
          call: { ...base, ...(v.rawBody !== undefined ? { rawBody: v.rawBody } : { body: v.body }), ...(v.contentType ? { headers: { "content-type": v.contentType } } : {}) },
          edge: false,
          what: `a body: ${v.what}`,
        });
      }
    }
    return options.length ? { arbitrary: fc.constantFrom(...options), always: options } : undefined;
  }

  // Hostile: one string-valued place at a time holds a hostile string, the rest is the sample.
  const places: { label: string; set: (s: string) => Case }[] = [];
  for (const p of params) {
    places.push({ label: p.name, set: (s) => withValue(base, p.in as "path" | "query", p.name, s, `${p.name}=${JSON.stringify(s)}`) });
  }
  if (fields) {
    const list = fields.list;
    places.push({ label: `${list}[0].id`, set: (s) => ({ call: { ...base, body: { [list]: [{ id: s }] } }, edge: false, what: `${list}[0].id=${JSON.stringify(s)}` }) });
    places.push({ label: `${list}[0].metadata`, set: (s) => ({ call: { ...base, body: { [list]: [{ id: ctx.freshId("hostile"), metadata: { [s || "k"]: s } }] } }, edge: false, what: `${list}[0].metadata=${JSON.stringify(s)}` }) });
  }
  if (places.length === 0) return undefined;
  const hostile = fc.tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom("", "a", "2024-01-01")).map(([h, around]) => `${around}${h}`);
  const always = HOSTILE_STRINGS.map((h, i) => places[i % places.length]!.set(h));
  return { arbitrary: fc.tuple(fc.constantFrom(...places), hostile).map(([place, s]) => place.set(s)), always };
}

function withValue(base: Call, where: "path" | "query", name: string, value: string, what: string): Case {
  const call: Call = { ...base, path: { ...base.path }, query: { ...base.query } };
  if (where === "path") call.path![name] = value;
  else call.query![name] = value;
  return { call, edge: false, what };
}

function validBody(ctx: RunContext, fields: NonNullable<ReturnType<typeof bodyFieldSchemas>>): fc.Arbitrary<{ body: unknown; edge: boolean }> {
  const id = validValues(ctx.doc, fields.id);
  const value = validValues(ctx.doc, fields.metadataValue);
  return fc.record({ id, meta: fc.option(value, { nil: undefined }) }).map(({ id: i, meta }) => {
    // Ids carry the run's prefix (within the id's pattern), so that nothing the kit writes collides.
    const record: Record<string, unknown> = { id: `${ctx.prefix}_${i.value}`.slice(0, 128) };
    if (meta) record.metadata = { key: meta.value };
    return { body: { [fields.list]: [record] }, edge: i.edge || (meta?.edge ?? false) };
  });
}

function short(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}...(${text.length} characters)` : text);
}
