/**
 * The published packages as a user gets them: every non-private package is packed with `pnpm pack`
 * (its prepack builds it), the tarballs are installed with npm into an empty folder outside the
 * workspace, and there each entry point is imported from ESM, a small client is type-checked
 * against the types, and the conformance CLI runs through `npx` against the mock server.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnServer, type SpawnedServer } from "@agent-analytics/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_SOURCE, CLIENT_TSCONFIG, importScript } from "./consumer.js";
import { entryPoints, npmEnvironment, pack, publishedPackages, readTarball, type PublishedPackage } from "./published.js";

const root = join(import.meta.dirname, "../../..");
const work = mkdtempSync(join(tmpdir(), "published-packages-"));
const consumer = join(work, "consumer");
let packages: PublishedPackage[] = [];
const tarballs = new Map<string, string>();

beforeAll(async () => {
  packages = await publishedPackages(root);
  mkdirSync(join(work, "tarballs"));
  for (const pkg of packages) tarballs.set(pkg.name, pack(pkg, join(work, "tarballs")));
  // The peers users bring themselves (vitest for the kit's /vitest entry), at the ranges declared.
  const peers = packages.flatMap((p) => Object.entries(p.manifest.peerDependencies ?? {})).filter(([name]) => !tarballs.has(name));
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--prefer-offline", ...tarballs.values(), ...peers.map(([name, range]) => `${name}@${range}`)], {
    cwd: consumer,
    env: npmEnvironment(),
    stdio: "pipe",
  });
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("published packages", () => {
  it("include the contract, its types and the conformance kit, each with a prepack step", () => {
    expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(["@agent-analytics/contract", "@agent-analytics/types", "@agent-analytics/conformance"]));
    for (const pkg of packages) {
      expect(pkg.manifest.scripts?.prepack, `${pkg.name}: add "prepack": "agent-analytics-prepack" (and the devDependency @agent-analytics/release-tools)`).toBe("agent-analytics-prepack");
    }
  });

  it("pack manifests with registry ranges and types-first exports into dist, every target shipped", () => {
    for (const pkg of packages) {
      const { manifest, files } = readTarball(tarballs.get(pkg.name)!);
      for (const field of ["dependencies", "peerDependencies", "optionalDependencies"] as const) {
        for (const [name, range] of Object.entries(manifest[field] ?? {})) {
          expect(range, `${pkg.name} ${field} ${name}`).not.toMatch(/^(workspace|catalog):/);
        }
      }
      const entries = entryPoints(manifest);
      expect(entries.length, `${pkg.name} has exports`).toBeGreaterThan(0);
      for (const { subpath, target } of entries) {
        const targets = typeof target === "string" ? { default: target } : (target as Record<string, string>);
        if (typeof target !== "string") expect(Object.keys(targets)[0], `${pkg.name} ${subpath}: types first`).toBe("types");
        for (const file of Object.values(targets)) {
          expect(file, `${pkg.name} ${subpath}`).toMatch(/^\.\/dist\//);
          expect(files, `${pkg.name} ${subpath}: ${file} is in the tarball`).toContain(file);
        }
      }
      for (const bin of Object.values(manifest.bin ?? {})) expect(files, `${pkg.name} bin`).toContain(bin.replace(/^(?!\.\/)/, "./"));
    }
  });

  it("import from ESM in an empty folder, the JSON document with its import attribute", () => {
    writeFileSync(join(consumer, "imports.mjs"), importScript(packages.map((p) => ({ name: p.name, subpaths: entryPoints(p.manifest).map((e) => e.subpath) }))));
    const imported = JSON.parse(execFileSync(process.execPath, ["imports.mjs"], { cwd: consumer, encoding: "utf8" })) as Record<string, string[]>;
    for (const pkg of packages) for (const { subpath } of entryPoints(pkg.manifest)) expect(imported, `${pkg.name} ${subpath}`).toHaveProperty([`${pkg.name}${subpath.slice(1)}`]);
    expect(imported["@agent-analytics/contract"]).toEqual(expect.arrayContaining(["document", "matchRoute", "parseRequest", "checkResponse"]));
    expect(imported["@agent-analytics/conformance"]).toEqual(expect.arrayContaining(["runConformance", "buildCatalog"]));
    expect(imported["@agent-analytics/conformance/vitest"]).toEqual(["describeConformance"]);
    // The document with `with { type: "json" }` and the contract's `document` are the merged contract.
    const merged = readFileSync(join(root, "specs/dist/openapi.json"), "utf8");
    expect(readFileSync(join(consumer, "document.json"), "utf8")).toBe(JSON.stringify(JSON.parse(merged)));
  });

  it("type a small client: right uses compile, wrong ones are errors", () => {
    writeFileSync(join(consumer, "client.ts"), CLIENT_SOURCE);
    writeFileSync(join(consumer, "tsconfig.json"), CLIENT_TSCONFIG);
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: consumer, encoding: "utf8" });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  describe("the conformance CLI through npx, against the mock server", () => {
    let mock: SpawnedServer | undefined;
    beforeAll(async () => {
      mock = await spawnServer(join(root, "apps/mock-server/bin/agent-analytics-mock.js"), ["--port", "0"]);
    }, 60_000);
    afterAll(() => mock?.stop());

    it("runs and reaches the workspace kit's verdict on every requirement", () => {
      // The mock keeps what the kit ingests: every class but isolation (one key) is claimed.
      const args = ["--base-url", mock!.url, "--token", "any-key", "--classes", "agents,agentos,dashboard,analytics,ingest"];
      // Offline: npx must find the installed bin, never fetch one.
      const packed = spawnSync("npx", ["@agent-analytics/conformance", ...args, "--report-json", "packed.json"], { cwd: consumer, env: npmEnvironment({ npm_config_offline: "true" }), encoding: "utf8" });
      const workspace = spawnSync(process.execPath, [join(root, "packages/conformance/bin/agent-analytics-conformance.js"), ...args, "--report-json", join(work, "workspace.json")], { encoding: "utf8" });
      expect([0, 1], packed.stderr).toContain(packed.status);
      expect(packed.status).toBe(workspace.status);
      const statuses = (file: string) => {
        const report = JSON.parse(readFileSync(file, "utf8")) as { classes: { id: string; claimed: boolean; requirements: { id: string; status: string }[] }[] };
        return Object.fromEntries(report.classes.flatMap((c) => c.requirements.map((r) => [r.id, r.status])));
      };
      const packedStatuses = statuses(join(consumer, "packed.json"));
      expect(Object.values(packedStatuses).filter((s) => s === "pass").length).toBeGreaterThan(50);
      expect(packedStatuses).toEqual(statuses(join(work, "workspace.json")));
    });
  });

  it("refuse `npm pack` loudly, naming pnpm", () => {
    const types = packages.find((p) => p.name === "@agent-analytics/types")!;
    const run = spawnSync("npm", ["pack", "--dry-run"], { cwd: types.dir, env: npmEnvironment(), encoding: "utf8" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("pack and publish this package with pnpm");
  });
});
