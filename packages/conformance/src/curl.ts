import type { RecordedRequest } from "./types.js";

/** Single-quotes a value for a POSIX shell. */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The request as a curl command a person can paste to replay it. */
export function toCurl(request: RecordedRequest): string {
  const parts = ["curl", "-i", "-X", request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) parts.push("-H", quote(`${name}: ${value}`));
  if (request.body !== undefined) {
    const text = request.rawBody && typeof request.body === "string" ? request.body : JSON.stringify(request.body);
    // Very large bodies (the 5 001-record batch) are abbreviated: the command stays readable.
    parts.push("--data-raw", quote(text.length > 4000 ? `${text.slice(0, 4000)}...(${text.length} bytes)` : text));
  }
  return parts.join(" ");
}
