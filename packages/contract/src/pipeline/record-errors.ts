import type { RequestIssue } from "../request.js";

/** One bad record of a batch, as the ingest problem lists it (`IngestRecordError`). */
export interface RecordError {
  recordType: string;
  /** Position in its array. */
  index: number;
  id: string | null;
  reason: string;
}

/**
 * The body issues of a batch (a body made of arrays of records) as one entry per bad record, with
 * every reason it has, in the order the issues came: the `errors` of the ingest problem, which
 * lists every bad record.
 */
export function recordErrors(issues: RequestIssue[], body: unknown): RecordError[] {
  const byRecord = new Map<string, RecordError>();
  for (const issue of issues) {
    const match = issue.in === "body" ? /^\/([^/]+)\/(\d+)(\/.*)?$/.exec(issue.name) : null;
    if (!match) continue;
    const [, recordType, position, field] = match as unknown as [string, string, string, string | undefined];
    const key = `${recordType}/${position}`;
    const reason = `${field ? field.slice(1) : "record"} ${issue.message}`;
    const existing = byRecord.get(key);
    if (existing) existing.reason += `; ${reason}`;
    else byRecord.set(key, { recordType, index: Number(position), id: recordId(body, recordType, Number(position)), reason });
  }
  return [...byRecord.values()];
}

/** The `id` of a batch's record, when it has a string one. */
export function recordId(body: unknown, recordType: string, index: number): string | null {
  const records = (body as Record<string, unknown> | null | undefined)?.[recordType];
  const record = Array.isArray(records) ? (records[index] as { id?: unknown } | undefined) : undefined;
  return typeof record?.id === "string" ? record.id : null;
}
