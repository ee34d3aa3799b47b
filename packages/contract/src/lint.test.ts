import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../..");
const redocly = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin/cli.js");

describe("redocly lint (recommended rules, redocly.yaml)", () => {
  it("passes every module and the merged contract with no problem", () => {
    // redocly reports on stderr; the exit status says whether any rule failed.
    const run = spawnSync(process.execPath, [redocly, "lint", "--format=stylish"], { cwd: root, encoding: "utf8" });
    // Drop redocly's boxed banner (a Node.js version notice), which is not about the documents.
    const output = `${run.stdout}${run.stderr}`
      .split("\n")
      .filter((line) => !/[║╔╚]/.test(line))
      .join("\n");
    expect(run.status, output).toBe(0);
    for (const file of ["agents", "agentos", "dashboard", "analytics", "ingest"]) expect(output).toContain(`specs/${file}/openapi.yaml`);
    expect(output).toContain("specs/dist/openapi.json");
    expect(output).not.toMatch(/warning|error/i);
  }, 60_000);
});
