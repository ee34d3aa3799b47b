import { listOperations, type OpenApiDocument, type Operation, type ValidatedRequest } from "@agent-analytics/contract";
import { asked, type Answer } from "./answer/answer.js";
import { HANDLERS, ROUTES, type WorldOperationId } from "./answer/index.js";
import { Organisations, type Caller } from "./organisations.js";
import { Layer } from "./store/layer.js";
import { View } from "./store/view.js";
import { simulate, type Simulation, type SimulationOptions } from "./simulate/simulate.js";
import { describeWorld, type WorldSummary } from "./summary.js";

export type { Answer } from "./answer/answer.js";
export type { Caller } from "./organisations.js";

export interface WorldOptions extends SimulationOptions {
  /** The document served: the world answers the operations it has at the routes it knows. */
  document: OpenApiDocument;
}

/**
 * The simulated organisation the mock serves: its history, generated once from the seed and `now`,
 * and one organisation per API key on top of it, each with what it ingested. Reads are answered by
 * docs/semantics.md from precomputed indexes and daily rollups.
 */
export class World {
  readonly document: OpenApiDocument;
  readonly seed: string;
  readonly now: number;
  readonly simulation: Simulation;
  readonly base: Layer;
  readonly organisations: Organisations;
  readonly buildMs: number;
  private readonly served: Set<string>;

  constructor(options: WorldOptions) {
    const started = performance.now();
    this.document = options.document;
    this.seed = options.seed;
    this.now = options.now;
    this.simulation = simulate(options);
    this.base = new Layer();
    this.base.add(this.simulation.records, new View(new Layer()));
    this.base.settle();
    this.organisations = new Organisations(this.base, { admin: this.simulation.org.admin, member: this.simulation.org.member });
    const operations = listOperations(options.document);
    this.served = new Set(operations.filter((op) => ROUTES[op.operationId as WorldOperationId] === `${op.method.toUpperCase()} ${op.path}`).map((op) => op.operationId));
    this.buildMs = performance.now() - started;
  }

  /** Whether the world answers this operation (else the generic solver does). */
  answers(operation: Operation): boolean {
    return this.served.has(operation.operationId);
  }

  /** Who a key acts for. */
  callerOf(key: string): Caller {
    return this.organisations.callerOf(key);
  }

  /** The answer to a validated request, for the organisation of the key that sent it. */
  answer(request: ValidatedRequest): Answer<unknown> {
    const id = request.operationId as WorldOperationId;
    const handler = HANDLERS[id] as (a: ReturnType<typeof asked>) => Answer<unknown>;
    return handler(asked(this.organisations.of(request.credential?.value ?? ""), this.now, request));
  }

  /** Forgets what one key (or every key) ingested. */
  reset(key?: string): number {
    return this.organisations.reset(key);
  }

  summary(): WorldSummary {
    return describeWorld(this);
  }
}
