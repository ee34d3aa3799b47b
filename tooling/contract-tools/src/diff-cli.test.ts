/**
 * `contract-diff` on a scratch git repository holding a copy of the real specs: planted breaking
 * changes fail and name the change, an additive change passes, a major changeset lets a breaking
 * change through, and the base is chosen as documented (merge-base, HEAD^ on main, release tag).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCliToExit } from "@agent-analytics/test-support";
import { parseDocument, type Document } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeContract } from "./contract.js";
import { main } from "./diff-cli.js";
import type { DiffReport } from "./diff/format.js";
import { findRepoRoot } from "./files.js";

const root = findRepoRoot(import.meta.dirname);
let repo: string;

const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: "pipe" }).trim();

async function diff(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(["--root", repo, ...args], { write: (t: string) => (out += t) }, { write: (t: string) => (err += t) });
  return { code, out, err };
}

function editModule(module: string, edit: (doc: Document) => void) {
  const file = join(repo, "specs", module, "openapi.yaml");
  const doc = parseDocument(readFileSync(file, "utf8"));
  edit(doc);
  writeFileSync(file, doc.toString());
}

const MAJOR = ["contract", "types", "conformance"].map((p) => `"@agent-analytics/${p}": major`).join("\n");

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "contract-diff-"));
  cpSync(join(root, "specs"), join(repo, "specs"), { recursive: true });
  mkdirSync(join(repo, ".changeset"));
  cpSync(join(root, ".changeset/config.json"), join(repo, ".changeset/config.json"));
  for (const file of ["package.json", "pnpm-workspace.yaml"]) cpSync(join(root, file), join(repo, file));
  for (const dir of ["packages/contract", "packages/types", "packages/conformance", "tooling/contract-tools"]) {
    mkdirSync(join(repo, dir), { recursive: true });
    cpSync(join(root, dir, "package.json"), join(repo, dir, "package.json"));
  }
  git("init", "-q", "-b", "main");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "init", "--allow-empty");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "contract");
  git("checkout", "-q", "-b", "work");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** Each case edits the working tree from a clean checkout of `work`. */
function plant(edit: () => void) {
  git("checkout", "-q", "--", ".");
  git("clean", "-qfd");
  edit();
}

const planted: { name: string; edit: () => void; expected: RegExp }[] = [
  {
    name: "a removed required response field",
    edit: () =>
      editModule("agents", (doc) => {
        doc.deleteIn(["components", "schemas", "AgentStats", "properties", "averageRunDurationMs"]);
        const required = doc.getIn(["components", "schemas", "AgentStats", "required"]) as { items: { value: string }[] };
        required.items = required.items.filter((item) => item.value !== "averageRunDurationMs");
      }),
    expected: /BREAKS\s+ok\s+property-removed\s+GET \/agents\/\{agentId\}\/stats\s+response 200 body: data\.averageRunDurationMs: removed \(was required\)/,
  },
  {
    name: "a renamed query parameter",
    edit: () => editModule("agents", (doc) => doc.setIn(["paths", "/agents/{agentId}/runs", "get", "parameters", 1, "name"], "pageSize")),
    expected: /BREAKS\s+ok\s+parameter-removed\s+GET \/agents\/\{agentId\}\/runs\s+query parameter limit: removed/,
  },
  {
    name: "a narrowed enum",
    edit: () => editModule("agents", (doc) => doc.setIn(["components", "schemas", "AgentRunStatus", "enum"], doc.createNode(["queued", "running", "completed"]))),
    expected: /BREAKS\s+ok\s+enum-value-removed\s+GET \/agents\/\{agentId\}\/runs\s+query parameter status: enum values removed: "failed"/,
  },
];

describe("contract-diff", () => {
  it("passes with no change, naming the base", async () => {
    plant(() => {});
    const { code, out, err } = await diff();
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/compared with main \([0-9a-f]{10}, no release tag yet: the merge-base with main\)/);
    expect(out).toContain("No change.");
  });

  it.each(planted)("fails on $name and names it", async ({ edit, expected }) => {
    plant(edit);
    const { code, out } = await diff();
    expect(code).toBe(1);
    expect(out).toMatch(expected);
    expect(out).toContain("no such changeset for @agent-analytics/conformance, @agent-analytics/contract, @agent-analytics/types");
  });

  it("passes an additive change (a new optional response field)", async () => {
    plant(() => editModule("agents", (doc) => doc.setIn(["components", "schemas", "AgentStats", "properties", "medianRunDurationMs"], doc.createNode({ type: "integer" }))));
    const { code, out } = await diff();
    expect(out).toMatch(/ok\s+ok\s+property-added\s+GET \/agents\/\{agentId\}\/stats/);
    expect(out).toContain("Nothing breaks");
    expect(code).toBe(0);
  });

  it("lets a breaking change through with a major changeset for every affected package, and only then", async () => {
    plant(() => {
      planted[0]!.edit();
      writeFileSync(join(repo, ".changeset/partial.md"), `---\n"@agent-analytics/contract": major\n---\n\nStats lose averageRunDurationMs.\n`);
    });
    const partial = await diff();
    expect(partial.code).toBe(1);
    expect(partial.out).toContain("no such changeset for @agent-analytics/conformance, @agent-analytics/types");
    writeFileSync(join(repo, ".changeset/partial.md"), `---\n${MAJOR}\n---\n\nStats lose averageRunDurationMs.\n`);
    const full = await diff();
    expect(full.code).toBe(0);
    expect(full.out).toContain("Breaking, announced");
  });

  it("takes a minor changeset as the breaking release of a package below 1.0.0, and not a patch", async () => {
    const MINOR = ["contract", "types", "conformance"].map((p) => `"@agent-analytics/${p}": minor`).join("\n");
    const PATCH = MINOR.replace(/minor/g, "patch");
    plant(() => {
      planted[0]!.edit();
      writeFileSync(join(repo, ".changeset/zero.md"), `---\n${PATCH}\n---\n\nStats lose averageRunDurationMs.\n`);
    });
    expect((await diff()).code).toBe(1);
    writeFileSync(join(repo, ".changeset/zero.md"), `---\n${MINOR}\n---\n\nStats lose averageRunDurationMs.\n`);
    const minor = await diff();
    expect(minor.code).toBe(0);
    expect(minor.out).toContain("Breaking, announced");
  });

  it("prints JSON with --json", async () => {
    plant(planted[2]!.edit);
    const { code, out } = await diff("--json");
    const report = JSON.parse(out) as DiffReport;
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.breaking).toEqual({ clients: 1, servers: 2 });
    expect(report.changes[0]).toMatchObject({ kind: "enum-value-removed", client: true, server: false });
  });

  it("compares with the commit before HEAD on main, and with the last release tag once there is one", async () => {
    plant(planted[1]!.edit);
    // As `pnpm generate` would: the committed merged document follows the modules.
    writeFileSync(join(repo, "specs/dist/openapi.json"), `${JSON.stringify(mergeContract(repo).merged, null, 2)}\n`);
    git("checkout", "-q", "main");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "rename limit");
    try {
      const onMain = await diff();
      expect(onMain.out).toContain("no release tag yet and HEAD is on main: the commit before HEAD");
      expect(onMain.code).toBe(1);
      git("tag", "@agent-analytics/contract@0.2.0");
      const released = await diff();
      expect(released.out).toContain("compared with @agent-analytics/contract@0.2.0");
      expect(released.code).toBe(0);
    } finally {
      git("tag", "-d", "@agent-analytics/contract@0.2.0");
      git("reset", "-q", "--hard", "HEAD^");
      git("checkout", "-q", "work");
    }
  });

  it("exits 2 with a clear message for an unknown --base", async () => {
    plant(() => {});
    const { code, err } = await diff("--base", "no-such-ref");
    expect(code).toBe(2);
    expect(err).toContain("--base no-such-ref: no such commit");
  });

  it("runs as the root's `pnpm contract:diff` bin", async () => {
    plant(planted[0]!.edit);
    const run = await runCliToExit(join(import.meta.dirname, "../bin/contract-diff.js"), [], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("property-removed");
  });
});
