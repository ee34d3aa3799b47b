import type { IngestBatch } from "@agent-analytics/types";
import { batchSize } from "./data.js";

export interface IngestTally { records: number; seconds: number }

export async function post(url: string, headers: Record<string, string>, body: unknown): Promise<void> {
  const r = await fetch(`${url}/ingest/batch`, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`ingest answered ${r.status}: ${text.slice(0, 500)}`);
}

/**
 * Loads the batches through POST /ingest/batch, alternating in chunks of `chunk` records between
 * one instance (`urls[0]`) and every instance in turn (round-robin), so that both modes are
 * measured on the same growing data; `concurrency` clients post at once.
 */
export async function ingest(
  batches: Iterator<IngestBatch>,
  urls: string[],
  headers: Record<string, string>,
  options: { concurrency: number; chunk: number; progress: (loaded: number) => void },
): Promise<{ one: IngestTally; all: IngestTally }> {
  const tallies = { one: { records: 0, seconds: 0 }, all: { records: 0, seconds: 0 } };
  let done = false;
  let loaded = 0;
  for (let round = 0; !done; round++) {
    const mode = round % 2 === 0 || urls.length === 1 ? "one" : "all";
    const targets = mode === "one" ? urls.slice(0, 1) : urls;
    let inChunk = 0;
    let turn = 0;
    const started = performance.now();
    const worker = async () => {
      while (inChunk < options.chunk) {
        const next = batches.next();
        if (next.done) {
          done = true;
          return;
        }
        const size = batchSize(next.value);
        inChunk += size;
        await post(targets[turn++ % targets.length]!, headers, next.value);
        loaded += size;
        options.progress(loaded);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    tallies[mode].records += inChunk;
    tallies[mode].seconds += (performance.now() - started) / 1000;
  }
  return tallies;
}
