import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { validationStatus, type Operation } from "../operations.js";
import { headerValue, type HttpHeaders } from "./http-request.js";

/** The bound of a body whose operation declares no `x-max-bytes`. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The most bytes of body the operation accepts: its `x-max-bytes`, else the default bound. */
export function maxBodyBytes(operation: Operation): number {
  return operation.requestBody?.["x-max-bytes"] ?? DEFAULT_MAX_BODY_BYTES;
}

/** What `readBody` needs of a stream: node:http's request (an Express request), or any readable. */
export interface BodyStream {
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  on(event: "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
}

/**
 * Reads a request body, keeping at most `limit + 1` bytes: enough for the pipeline to see that it
 * is too large, without buffering more. The rest is read and dropped, so that the answer can be sent
 * on the same connection. Undefined when no body was sent.
 */
export function readBody(stream: BodyStream, limit: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let kept = 0;
    stream.on("data", (chunk) => {
      if (kept > limit) return;
      const part = kept + chunk.length > limit + 1 ? chunk.subarray(0, limit + 1 - kept) : chunk;
      chunks.push(part);
      kept += part.length;
    });
    stream.on("error", reject);
    // A client that goes away before the end of its body: nothing to answer (after `end`, a no-op).
    stream.on("close", () => reject(new Error("the request closed before the end of its body")));
    stream.on("end", () => resolve(kept === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, kept)));
  });
}

export type BodyOutcome = { ok: true; value: unknown } | { ok: false; status: number; message: string };

const DECODERS: Record<string, ((bytes: Uint8Array, options: { maxOutputLength: number }) => Buffer) | undefined> = {
  gzip: gunzipSync,
  "x-gzip": gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/**
 * The JSON body of a request for an operation that takes one, by the contract's rules: a media
 * type the operation documents (or a `+json` type where it documents JSON), UTF-8, within
 * `x-max-bytes` once decoded (413 past it, docs/invariants.md), then parsed. A body sent to an
 * operation that takes none is ignored. A body the server cannot read (another media type, charset
 * or encoding) is 415 where the operation documents 415, else, like malformed JSON, the operation's
 * validation status.
 */
export function decodeBody(operation: Operation, headers: HttpHeaders, body: Uint8Array | string | undefined): BodyOutcome {
  const declared = operation.requestBody;
  if (!declared || body === undefined || body.length === 0) return { ok: true, value: undefined };
  const invalid = validationStatus(operation);
  const refuse = operation.responses["415"] ? 415 : invalid;
  const documented = Object.keys(declared.content);
  const [type = "", ...parameters] = (headerValue(headers, "content-type") ?? "").split(";").map((part) => part.trim().toLowerCase());
  if (!acceptsMediaType(documented, type)) return { ok: false, status: refuse, message: `The body must be ${documented.join(" or ")}; got ${type || "no content type"}.` };
  const charset = parameters.find((p) => p.startsWith("charset="))?.slice("charset=".length).replace(/"/g, "");
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") return { ok: false, status: refuse, message: `The body must be UTF-8; got charset ${charset}.` };

  const limit = maxBodyBytes(operation);
  const tooLarge = { ok: false, status: 413, message: `A body holds at most ${limit} bytes.` } as const;
  if ((typeof body === "string" ? Buffer.byteLength(body) : body.length) > limit) return tooLarge;
  const encoding = (headerValue(headers, "content-encoding") ?? "identity").trim().toLowerCase();
  let text: string;
  if (encoding === "identity") {
    text = typeof body === "string" ? body : asBuffer(body).toString("utf8");
  } else {
    const decode = DECODERS[encoding];
    if (!decode) return { ok: false, status: refuse, message: `Content-Encoding ${encoding} is not supported.` };
    try {
      text = decode(typeof body === "string" ? Buffer.from(body) : body, { maxOutputLength: limit }).toString("utf8");
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return tooLarge;
      return { ok: false, status: refuse, message: `The body is not valid ${encoding}.` };
    }
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: invalid, message: "The body is not valid JSON." };
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** The media types documented, or a structured `+json` type where JSON is documented (RFC 6839). */
function acceptsMediaType(documented: string[], type: string): boolean {
  if (documented.includes(type)) return true;
  const json = documented.some((d) => d === "application/json" || d.endsWith("+json"));
  return json && /^application\/[a-z0-9.-]+\+json$/.test(type);
}

/**
 * `x-max-records`: how many records a batch body holds (the items of its top-level arrays), and
 * the 413 when that is past the operation's bound.
 */
export function checkRecordCount(operation: Operation, body: unknown): BodyOutcome | undefined {
  const max = operation.requestBody?.["x-max-records"];
  if (max === undefined || typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const count = Object.values(body).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
  return count > max ? { ok: false, status: 413, message: `A batch holds at most ${max} records; this one holds ${count}.` } : undefined;
}
