export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type LogFormat = "text" | "json";
export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];
export const LOG_FORMATS: readonly LogFormat[] = ["text", "json"];

/** One answered request: what the request log shows for it. */
export interface RequestEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  /** Why a 4xx was answered (the error body's message), so a failing client sees it without a debugger. */
  reason?: string;
}

/** One way a response (or the answer to a request) breaks the contract. */
export interface ViolationEntry {
  operation: string;
  check: string;
  /** JSON pointer into the response body ("" for the whole response or its status). */
  pointer: string;
  message: string;
  /** Address of the broken rule in the contract, when one is known. */
  rule?: string;
}

export interface Sink {
  write(text: string): void;
}

/**
 * The log of the mock and the proxy: one line per request at `info`, one line per contract
 * violation at `warn`. Lines are queued and written once per turn of the event loop, so that under
 * load many lines cost one write (on Linux a write to a pipe blocks the process).
 */
export class RequestLog {
  private readonly rank: number;
  private queue: string[] = [];
  private scheduled = false;

  constructor(
    readonly level: LogLevel = "info",
    readonly format: LogFormat = "text",
    private readonly sink: Sink = process.stdout,
  ) {
    this.rank = LOG_LEVELS.indexOf(level);
  }

  enabled(level: Exclude<LogLevel, "silent">): boolean {
    return LOG_LEVELS.indexOf(level) >= this.rank;
  }

  request(entry: RequestEntry): void {
    if (!this.enabled("info")) return;
    const ms = Math.round(entry.ms * 10) / 10;
    if (this.format === "json") return this.push({ level: "info", time: new Date().toISOString(), msg: "request", ...entry, ms });
    this.line(`${entry.method} ${entry.path} ${entry.status} ${ms}ms${entry.reason === undefined ? "" : ` - ${oneLine(entry.reason)}`}`);
  }

  violation(entry: ViolationEntry): void {
    if (!this.enabled("warn")) return;
    if (this.format === "json") return this.push({ level: "warn", time: new Date().toISOString(), msg: "violation", ...entry });
    this.line(`violation ${entry.operation} ${entry.check} ${entry.pointer || "/"} - ${oneLine(entry.message)}`);
  }

  warn(message: string): void {
    if (!this.enabled("warn")) return;
    if (this.format === "json") return this.push({ level: "warn", time: new Date().toISOString(), msg: message });
    this.line(`warning ${oneLine(message)}`);
  }

  /** Writes what is queued now (before exit). */
  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const text = this.queue.join("");
    this.queue = [];
    this.sink.write(text);
  }

  private push(record: Record<string, unknown>): void {
    this.line(JSON.stringify(record));
  }

  private line(text: string): void {
    this.queue.push(`${text}\n`);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

/** The reason a 4xx gives in its body: the field each module's error format puts it in. */
export function reasonOf(status: number, body: unknown): string | undefined {
  if (status < 400 || status >= 500 || typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ["detail", "message", "error", "title"]) if (typeof record[key] === "string") return record[key];
  // AGNT's errors nest it: `{ success: false, error: { code, message } }`.
  const nested = record.error as Record<string, unknown> | undefined;
  return typeof nested === "object" && nested !== null && typeof nested.message === "string" ? nested.message : undefined;
}
