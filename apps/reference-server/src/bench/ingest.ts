import type { IngestBatch } from "@agent-analytics/types";
import { batchSize } from "./data.js";

export interface IngestTally { records: number; seconds: number }

export async function post(url: string, headers: Record<string, string>, body: unknown): Promise<void> {
  const r = await fetch(`${url}/ingest/batch`, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`ingest answered ${r.status}: ${text.slice(0, 500)}`);
}

/**
 * Posts batches through POST /ingest/batch until about `chunk` records went in (or the batches
 * ran out), from `concurrency` clients, each batch to the next of `urls` in turn (a round-robin
 * balancer). Returns what went in, and whether the batches ran out.
 */
export async function ingestChunk(
  batches: Iterator<IngestBatch>,
  urls: string[],
  headers: Record<string, string>,
  options: { concurrency: number; chunk: number },
): Promise<IngestTally & { done: boolean }> {
  let records = 0;
  let done = false;
  let turn = 0;
  const started = performance.now();
  const worker = async () => {
    while (records < options.chunk && !done) {
      const next = batches.next();
      if (next.done) {
        done = true;
        return;
      }
      records += batchSize(next.value);
      await post(urls[turn++ % urls.length]!, headers, next.value);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { records, seconds: (performance.now() - started) / 1000, done };
}
