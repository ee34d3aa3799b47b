import { parseRequest, requiredRole, type ContractValidator, type OpenApiDocument, type Operation, type ParsedRequest } from "@agent-analytics/contract";
import { targetOf } from "./target.js";
import type { RecordedRequest, RecordedResponse } from "./types.js";

/**
 * How a request authenticates: the run's token (its write token for an operation that declares
 * `x-required-role`), none, or an explicit bearer / x-api-key value.
 */
export type Auth = "token" | "none" | { bearer: string } | { apiKey: string };

export interface Call {
  path?: Record<string, string>;
  /** Values are sent as written; `undefined` leaves the parameter out. */
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** A body sent exactly as written (malformed JSON), instead of `body` serialised. */
  rawBody?: string;
  /** Headers of this request (a wrong content type), over the run's. */
  headers?: Record<string, string>;
  auth?: Auth;
}

/** One request the kit sent and what came back, with the operation it addressed. */
export interface Exchange {
  operation: Operation;
  request: RecordedRequest;
  /** Absent when no response arrived; `error` says why. */
  response?: RecordedResponse;
  error?: string;
  /** The request typed by the contract, when it is a valid request (invariants need it). */
  parsed?: ParsedRequest;
}

/**
 * Sends requests for contract operations and keeps every exchange: the response checks
 * (status, schema, invariants...) are evaluated over all of them, whatever check sent them.
 */
export class HttpClient {
  readonly exchanges: Exchange[] = [];
  requestCount = 0;
  private silentInARow = 0;

  constructor(
    private readonly doc: OpenApiDocument,
    private readonly validator: ContractValidator,
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs: number,
    /** Extra headers sent with every request (`-H`), before the kit's own. */
    private readonly extraHeaders: Record<string, string> = {},
    /** The key for operations that need a role (`x-required-role`), when the token's role may not call them. */
    private readonly writeToken: string = token,
  ) {}

  /** The key a request with the run's credentials presents for this operation. */
  keyFor(operation: Operation): string {
    return requiredRole(operation) === undefined ? this.token : this.writeToken;
  }

  async call(operation: Operation, call: Call = {}): Promise<Exchange> {
    const pathParams = call.path ?? {};
    const rawQuery: Record<string, string> = {};
    for (const [name, value] of Object.entries(call.query ?? {})) if (value !== undefined) rawQuery[name] = String(value);
    const url = `${this.baseUrl.replace(/\/+$/, "")}${targetOf(operation, pathParams, rawQuery)}`;
    const headers: Record<string, string> = { ...lowerKeys(this.extraHeaders), accept: "application/json", ...lowerKeys(call.headers ?? {}) };
    const auth = call.auth ?? "token";
    if (auth === "token") headers.authorization = `Bearer ${this.keyFor(operation)}`;
    else if (auth !== "none" && "bearer" in auth) headers.authorization = `Bearer ${auth.bearer}`;
    else if (auth !== "none") headers["x-api-key"] = auth.apiKey;
    const raw = call.rawBody;
    if ((call.body !== undefined || raw !== undefined) && !headers["content-type"]) headers["content-type"] = "application/json";
    const sentBody = raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    const shownBody = raw !== undefined ? raw : call.body;
    const request: RecordedRequest = { method: operation.method.toUpperCase(), url, headers, ...(shownBody !== undefined ? { body: shownBody } : {}), ...(raw !== undefined ? { rawBody: true } : {}) };
    const exchange: Exchange = { operation, request };

    // A raw body is not JSON the contract could type: such a request is never a valid one.
    const parsed = raw === undefined ? parseRequest(this.doc, this.validator, operation, { pathParams, query: rawQuery, headers: {}, body: call.body }) : undefined;
    if (parsed?.ok) exchange.parsed = parsed.request;

    // A server that stopped answering would cost a timeout per remaining request: stop asking.
    if (this.silentInARow >= MAX_SILENT) {
      exchange.error = `not sent: the last ${MAX_SILENT} requests got no response`;
      this.exchanges.push(exchange);
      return exchange;
    }
    // A 429 is the server pacing the kit, not an answer: wait as told (briefly) and ask again.
    for (let attempt = 0; ; attempt++) {
      this.requestCount++;
      try {
        const res = await fetch(url, {
          method: request.method,
          headers,
          body: sentBody,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await res.text();
        exchange.response = { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: parseBody(text) };
      } catch (error) {
        exchange.error = describeError(error);
      }
      this.silentInARow = exchange.response ? 0 : this.silentInARow + 1;
      const wait = retryDelay(exchange, attempt);
      if (wait === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.exchanges.push(exchange);
    return exchange;
  }
}

const MAX_RETRIES = 3;
const MAX_SILENT = 3;
const MAX_WAIT_MS = 5_000;

function retryDelay(exchange: Exchange, attempt: number): number | undefined {
  if (exchange.response?.status !== 429 || attempt >= MAX_RETRIES) return undefined;
  const seconds = Number(exchange.response.headers["retry-after"]);
  return Math.min(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 500, MAX_WAIT_MS);
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    if (error.name === "TimeoutError") return "no response before the timeout";
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

/** The media type of a response, without parameters. */
export function mediaTypeOf(response: RecordedResponse | undefined): string | undefined {
  return response?.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
