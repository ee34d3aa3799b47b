/**
 * Errors a contributor can act on: each names the module file, line and column, and the JSON
 * pointer in that file; the CLI prints them without a stack trace.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCliToExit } from "@agent-analytics/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { mergeContract } from "./contract.js";
import { findRepoRoot, readModules } from "./files.js";
import { mergeModules } from "./merge.js";
import { ContractErrors } from "./source.js";
import { generateTypes } from "./types.js";

const root = findRepoRoot(import.meta.dirname);
const cli = join(import.meta.dirname, "cli.ts");
const copies: string[] = [];
afterEach(() => copies.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the real specs, with `edit` applied to one module's text. */
function specsWith(module: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "contract-errors-"));
  copies.push(dir);
  cpSync(join(root, "specs"), join(dir, "specs"), { recursive: true, filter: (src) => !src.includes(`${join("specs", "dist")}`) });
  const file = join(dir, "specs", module, "openapi.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return dir;
}

async function generate(dir: string) {
  const run = await runCliToExit(cli, ["--root", dir], { nodeArgs: ["--import", "tsx"], env: { ...process.env, CI: "" } });
  return { status: run.code, stderr: run.stderr };
}

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;

const agentsText = readFileSync(join(root, "specs/agents/openapi.yaml"), "utf8");
const statsRef = "$ref: '#/components/schemas/AgentStats'";

const cases: { name: string; module: string; edit: (text: string) => string; expected: (string | RegExp)[] }[] = [
  {
    name: "a broken $ref",
    module: "agents",
    edit: (text) => text.replace(statsRef, "$ref: '#/components/schemas/AgentStat'"),
    expected: [
      `specs/agents/openapi.yaml:${lineOf(agentsText, statsRef)}:`,
      "(#/components/schemas/AgentStatsResponse/properties/data/$ref)",
      "does not resolve: no 'AgentStat' under #/components/schemas (did you mean 'AgentStats'?)",
    ],
  },
  {
    name: "a YAML syntax error",
    module: "dashboard",
    edit: (text) => text.replace("paths:", "paths:\n  - [unclosed"),
    expected: [/specs\/dashboard\/openapi.yaml:\d+:\d+: YAML: /],
  },
  {
    name: "a clash between modules",
    module: "dashboard",
    edit: (text) => `${text.replace(/^components:\n/m, "components:\n  parameters:\n    AgentId: { name: agentId, in: path, required: true, schema: { type: integer } }\n")}`,
    expected: [
      "component parameters/AgentId is defined differently in specs/agents/openapi.yaml and specs/dashboard/openapi.yaml",
      /specs\/agents\/openapi.yaml:\d+:\d+ \(#\/components\/parameters\/AgentId\)/,
      /specs\/dashboard\/openapi.yaml:\d+:\d+ \(#\/components\/parameters\/AgentId\)/,
      /they differ at \/[a-z/]+: .* in specs\/agents\/openapi.yaml, .* in specs\/dashboard\/openapi.yaml/,
    ],
  },
];

describe("generate on broken modules", () => {
  it.each(cases)("$name: exits 1 naming the module file, line and pointer, without a stack", async ({ module, edit, expected }) => {
    const { status, stderr } = await generate(specsWith(module, edit));
    expect(status).toBe(1);
    for (const part of expected) expect(stderr).toMatch(typeof part === "string" ? new RegExp(part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : part);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("names the first module's line for a clash", async () => {
    const dir = specsWith("dashboard", cases[2]!.edit);
    const { stderr } = await generate(dir);
    const agentsLine = lineOf(agentsText, "    AgentId:");
    expect(stderr).toContain(`specs/agents/openapi.yaml:${agentsLine}:5 (#/components/parameters/AgentId)`);
  });

  it("reports every broken $ref at once", () => {
    const dir = specsWith("agents", (text) => text.replaceAll("#/components/responses/Agents", "#/components/responses/Agent"));
    expect(() => mergeContract(dir)).toThrow(ContractErrors);
    try {
      mergeContract(dir);
    } catch (error) {
      expect((error as ContractErrors).errors.length).toBeGreaterThan(3);
    }
  });
});

describe("openapi-typescript errors", () => {
  it("are mapped back to the module that defines the part they name", async () => {
    const modules = readModules(join(root, "specs"), root);
    const merged = mergeModules(modules, { info: { title: "t", version: "1" } });
    // Past the merge's own check, as if a reference broke in the merged document only.
    const stats = (merged.components!.schemas as Record<string, { properties: Record<string, unknown> }>).AgentStatsResponse!;
    stats.properties.data = { $ref: "#/components/schemas/Missing" };
    const error = await generateTypes(merged, modules).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^specs\/agents\/openapi.yaml:\d+:\d+ \(#\/components\/schemas\/AgentStatsResponse\/properties\/data\): openapi-typescript: /,
    );
  });
});
