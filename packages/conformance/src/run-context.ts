import { deref, findOperation, type ContractValidator, type OpenApiDocument, type Operation, type SchemaObject } from "@agent-analytics/contract";
import type { Call, HttpClient } from "./http.js";
import type { Unavailable } from "./semantics/prepare.js";
import type { Semantics } from "./semantics/state.js";
import type { ConformanceOptions } from "./types.js";

/** A date range the kit's valid sample requests ask about. */
export interface SampleWindow {
  /** First day, `YYYY-MM-DD`. */
  firstDay: string;
  /** Day after the last day, `YYYY-MM-DD` (exclusive end). */
  endDay: string;
}

/** Everything a requirement may use: the contract, the clients, and what earlier steps learned. */
export class RunContext {
  /** Agent and run known to exist (from the loaded dataset or the options). */
  ids: { agentId?: string; runId?: string } = {};
  window: SampleWindow = { firstDay: "2024-01-01", endDay: "2024-02-01" };
  semantics?: Semantics;
  /** Why semantics could not be prepared, when they could not. */
  semanticsUnavailable?: Unavailable;
  private probeCounter = 0;

  constructor(
    readonly doc: OpenApiDocument,
    readonly validator: ContractValidator,
    readonly client: HttpClient,
    readonly clientB: HttpClient | undefined,
    readonly options: ConformanceOptions,
    readonly claimed: Set<string>,
    /** Unique to this run: every id the kit creates starts with it. */
    readonly prefix: string,
    /** Seed of every random choice of the run. */
    readonly seed: number,
    /** Generated cases per operation and kind. */
    readonly maxExamples: number,
  ) {
    if (options.agentId) this.ids.agentId = options.agentId;
    if (options.runId) this.ids.runId = options.runId;
  }

  op(operationId: string): Operation {
    return findOperation(this.doc, operationId);
  }

  /** A fresh id for a record the kit creates outside its dataset. */
  freshId(kind: string): string {
    return `${this.prefix}_${kind}_${++this.probeCounter}`;
  }

  /**
   * A valid request for the operation, or the reason none can be built (a path parameter naming
   * a record the kit does not know).
   */
  sampleCall(operation: Operation): Call | string {
    const path: Record<string, string> = {};
    const query: Record<string, string> = {};
    for (const param of operation.parameters) {
      if (param.in === "path") {
        const known = (this.ids as Record<string, string | undefined>)[param.name];
        if (!known) return this.missingId(param.name);
        path[param.name] = known;
        continue;
      }
      if (param.in !== "query") continue;
      const value = this.sampleValue(param.name, param.schema, param.required === true);
      if (value !== undefined) query[param.name] = value;
    }
    const call: Call = { path, query };
    if (operation.requestBody) call.body = { users: [{ id: this.freshId("probe_user") }] };
    return call;
  }

  /** Why no id is known, in terms of what the run was given and what happened. */
  private missingId(name: string): string {
    const option = `--${kebab(name)}`;
    if (!this.claimed.has("ingest")) return `no known ${name}: pass ${option} (an existing one), or claim the ingest class so the kit creates one`;
    const why = this.semanticsUnavailable?.reason ?? "the dataset was not loaded";
    return `no known ${name}: the kit's dataset, which would create one, was not loaded (${why}); or pass ${option}`;
  }

  private sampleValue(name: string, schema: SchemaObject | undefined, required: boolean): string | undefined {
    const { firstDay, endDay } = this.window;
    const lastDay = new Date(Date.parse(endDay) - 86_400_000).toISOString().slice(0, 10);
    const byName: Record<string, string> = {
      from: `${firstDay}T00:00:00.000Z`,
      to: `${lastDay}T23:59:59.999Z`,
      startDate: firstDay,
      endDate: endDay,
      starting_date: firstDay,
      ending_date: lastDay,
    };
    if (name in byName) return byName[name];
    if (!required) return undefined;
    const s = schema ? deref<SchemaObject>(this.doc, schema) : {};
    if ("default" in s) return String(s.default);
    if (Array.isArray(s.enum)) return String(s.enum[0]);
    return "x";
  }
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
