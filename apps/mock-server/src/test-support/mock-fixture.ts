import { fileURLToPath } from "node:url";
import { startMockServer, type RunningMock } from "../server.js";
import type { MockOptions } from "../options.js";

/** The package's launcher (`bin/agent-analytics-mock.js`), for tests and benchmarks of the real executable. */
export const MOCK_BIN = fileURLToPath(new URL("../../bin/agent-analytics-mock.js", import.meta.url));

/** A fixed "today", so tests do not depend on the day they run. */
export const TEST_NOW = Date.UTC(2026, 2, 1);

export const AUTH = { authorization: "Bearer test-token", "x-api-key": "test-key" };

export async function startTestMock(options: MockOptions = {}): Promise<RunningMock> {
  return startMockServer({ port: 0, now: TEST_NOW, ...options });
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function call(base: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(base + path, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
