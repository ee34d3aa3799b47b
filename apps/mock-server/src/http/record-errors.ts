import type { Operation, RequestIssue } from "@agent-analytics/contract";
import { RECORD_TYPES } from "../world/records.js";

export interface RecordError { recordType: string; index: number; id: string | null; reason: string }

/**
 * For a batch operation (one that bounds its records, `x-max-records`), the body's validation
 * issues as the problem's `errors` list: one entry per bad record (`/runs/1/status` is record 1 of
 * `runs`), with every reason it has. Other operations get undefined.
 */
export function recordErrors(operation: Operation, issues: RequestIssue[], body: unknown): RecordError[] | undefined {
  if (operation.requestBody?.["x-max-records"] === undefined) return undefined;
  const byRecord = new Map<string, RecordError>();
  for (const issue of issues) {
    const match = issue.in === "body" ? /^\/([^/]+)\/(\d+)(\/.*)?$/.exec(issue.name) : null;
    if (!match || !(RECORD_TYPES as readonly string[]).includes(match[1]!)) continue;
    const [, recordType, index, field] = match as unknown as [string, string, string, string | undefined];
    const reason = `${field ? field.slice(1) : "record"} ${issue.message}`;
    const existing = byRecord.get(`${recordType}/${index}`);
    if (existing) existing.reason += `; ${reason}`;
    else byRecord.set(`${recordType}/${index}`, { recordType, index: Number(index), id: idOf(body, recordType, Number(index)), reason });
  }
  return [...byRecord.values()];
}

function idOf(body: unknown, type: string, index: number): string | null {
  const record = (body as Record<string, unknown[]> | undefined)?.[type]?.[index] as { id?: unknown } | undefined;
  return typeof record?.id === "string" ? record.id : null;
}
