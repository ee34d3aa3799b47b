import type { Operation } from "@agent-analytics/contract";
import type { MockRequest } from "./request-parts.js";

export type BodyParse = { ok: true; value: unknown } | { ok: false; status?: number; message: string };

/** The JSON body of a request for an operation that takes one, within its documented size. */
export function parseBody(operation: Operation, request: MockRequest): BodyParse {
  const declared = operation.requestBody;
  if (!declared) return { ok: true, value: undefined };
  const text = request.body;
  if (text === undefined || text.length === 0) return { ok: true, value: undefined };
  const maxBytes = declared["x-max-bytes"];
  if (maxBytes !== undefined && Buffer.byteLength(text) > maxBytes) {
    return { ok: false, status: operation.responses["413"] ? 413 : undefined, message: `the body exceeds ${maxBytes} bytes` };
  }
  const contentType = String(request.headers["content-type"] ?? "application/json").toLowerCase();
  if (!/json/.test(contentType)) return { ok: false, message: `the body must be JSON, got content-type ${contentType}` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: "the body is not valid JSON" };
  }
  // A batch operation bounds its records in all (`x-max-records`), whatever they hold.
  const maxRecords = declared["x-max-records"];
  if (maxRecords !== undefined && value && typeof value === "object" && !Array.isArray(value)) {
    const count = Object.values(value).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
    if (count > maxRecords) return { ok: false, status: 413, message: `A batch holds at most ${maxRecords} records; this one holds ${count}.` };
  }
  return { ok: true, value };
}
