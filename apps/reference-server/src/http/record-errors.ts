import type { Operation, RequestIssue } from "@agent-analytics/contract";
import { RECORD_TYPES, type RecordType } from "../ingest/records.js";

export interface RecordError { recordType: RecordType; index: number; id: string | null; reason: string }

/**
 * For a batch operation (one whose body is made of arrays of records), the body issues as the
 * ingest problem's `errors` list: one entry per bad record, with every reason it has. Other
 * operations get undefined.
 */
export function recordErrors(operation: Operation, issues: RequestIssue[], body: unknown): RecordError[] | undefined {
  if (operation.requestBody?.["x-max-records"] === undefined) return undefined;
  const byRecord = new Map<string, RecordError>();
  for (const issue of issues) {
    const match = issue.in === "body" ? /^\/([^/]+)\/(\d+)(\/.*)?$/.exec(issue.name) : null;
    if (!match || !(RECORD_TYPES as readonly string[]).includes(match[1]!)) continue;
    const recordType = match[1] as RecordType;
    const index = Number(match[2]);
    const key = `${recordType}/${index}`;
    const reason = `${match[3] ? match[3].slice(1) : "record"} ${issue.message}`;
    const existing = byRecord.get(key);
    if (existing) existing.reason += `; ${reason}`;
    else byRecord.set(key, { recordType, index, id: idOf(body, recordType, index), reason });
  }
  return [...byRecord.values()];
}

export function idOf(body: unknown, type: string, index: number): string | null {
  const record = (body as Record<string, unknown[]> | undefined)?.[type]?.[index] as { id?: unknown } | undefined;
  return typeof record?.id === "string" ? record.id : null;
}
