import { createHash } from "node:crypto";
import type { OpenApiDocument } from "@agent-analytics/contract";
import pkg from "../package.json" with { type: "json" };
import type { ConformanceOptions, RunMeta } from "./types.js";

/** Generated cases per operation and kind: a full run against a local server stays well under a minute. */
export const DEFAULT_MAX_EXAMPLES = 25;

export const KIT_VERSION: string = pkg.version;

/** What a report needs to be reproduced: versions, the contract's hash, the seed and the options (keys left out). */
export function runMeta(doc: OpenApiDocument, options: ConformanceOptions, seed: number, maxExamples: number): RunMeta {
  const { token: _t, tokenB, apiKey, writeToken, writeTokenB, onProgress: _p, headers, ...rest } = options;
  const shown: Record<string, unknown> = { ...rest, seed, maxExamples };
  if (tokenB) shown.tokenB = "(given)";
  if (writeToken) shown.writeToken = "(given)";
  if (writeTokenB) shown.writeTokenB = "(given)";
  if (apiKey) shown.apiKey = "(given)";
  if (headers) shown.headers = Object.keys(headers);
  return {
    kitVersion: KIT_VERSION,
    contractVersion: doc.info.version,
    contractHash: createHash("sha256").update(JSON.stringify(doc)).digest("hex"),
    seed,
    maxExamples,
    options: shown,
  };
}
