import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningMock } from "./server.js";
import { startMockServer } from "./server.js";

/** The README's first commands, run as written against a mock whose history ends today. */
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
const curls = [...firstBlock.matchAll(/^curl (.*?)"?(http:\/\/127\.0\.0\.1:4010\S*?)"?(\s+#.*)?$/gm)].map(([, flags, url]) => ({
  headers: Object.fromEntries([...flags!.matchAll(/-H "([^:]+): ([^"]+)"/g)].map(([, name, value]) => [name!.toLowerCase(), value!])),
  path: url!.slice("http://127.0.0.1:4010".length),
}));

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(() => mock.close());

describe("the README's first curl lines", () => {
  it("are there", () => {
    expect(curls.length).toBeGreaterThanOrEqual(4);
  });

  it.each(curls.map((c) => [c.path, c] as const))("%s answers 200", async (_path, c) => {
    const reply = await fetch(mock.url + c.path, { headers: c.headers });
    expect(reply.status, await reply.text()).toBe(200);
  });
});
