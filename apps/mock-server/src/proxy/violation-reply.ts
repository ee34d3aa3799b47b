import { problem } from "@agent-analytics/contract";
import type { ViolationEntry } from "../log/request-log.js";

/**
 * The response header listing a response's violations, named as Prism names its own so that tools
 * reading Prism's proxy read this one: a JSON array, one entry per violation in Prism's shape
 * (`location`, `severity`, `code`, `message`) with the contract's own fields added (`operation`,
 * `check`, `pointer`, `rule`).
 */
export const VIOLATIONS_HEADER = "sl-violations";

/** Beyond this the header's list is cut (proxies and clients refuse very long headers); the count stays. */
const MAX_HEADER_CHARS = 8_000;

export function violationsHeader(violations: ViolationEntry[]): string {
  const entries = violations.map(headerEntry);
  let text = JSON.stringify(entries);
  if (text.length > MAX_HEADER_CHARS) {
    const kept: unknown[] = [];
    let size = 2;
    for (const entry of entries) {
      const piece = JSON.stringify(entry).length + 1;
      if (size + piece > MAX_HEADER_CHARS - 200) break;
      kept.push(entry);
      size += piece;
    }
    kept.push({ location: ["response"], severity: "Error", code: "truncated", message: `${entries.length - kept.length} more violations not listed` });
    text = JSON.stringify(kept);
  }
  // A header value must be Latin-1 without controls: everything else as JSON escapes.
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function headerEntry(v: ViolationEntry) {
  const location = ["response", ...v.pointer.split("/").slice(1)];
  return { location, severity: "Error", code: v.check, message: v.message, operation: v.operation, check: v.check, pointer: v.pointer, ...(v.rule ? { rule: v.rule } : {}) };
}

/**
 * With `--errors`, the answer that replaces a response breaking the contract: 502 (the gateway got
 * an invalid response from upstream), an RFC 9457 problem listing every violation and what the
 * upstream answered.
 */
export function violationProblem(violations: ViolationEntry[], upstreamStatus: number): { status: number; contentType: string; body: string } {
  const detail = `The upstream answered ${upstreamStatus} with ${violations.length} violation${violations.length === 1 ? "" : "s"} of the contract.`;
  const reply = problem(502, detail, { title: "The upstream response breaks the contract", upstreamStatus, violations });
  return { status: reply.status, contentType: reply.contentType, body: JSON.stringify(reply.body) };
}
