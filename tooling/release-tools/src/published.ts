/** The workspace's published packages (every package not marked private), found, not listed. */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { getPackages } from "@manypkg/get-packages";

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  scripts?: Record<string, string>;
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  publishConfig?: { exports?: Record<string, unknown> };
}

export interface PublishedPackage {
  name: string;
  dir: string;
  manifest: Manifest;
}

export async function publishedPackages(root: string): Promise<PublishedPackage[]> {
  const { packages } = await getPackages(root);
  return packages
    .filter((p) => !p.packageJson.private)
    .map((p) => ({ name: p.packageJson.name, dir: p.dir, manifest: p.packageJson as unknown as Manifest }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `pnpm pack` (which runs prepack, and rewrites workspace:* and catalog: ranges) into `destination`. */
export function pack(pkg: PublishedPackage, destination: string): string {
  const before = new Set(readdirSync(destination));
  execFileSync("pnpm", ["pack", "--pack-destination", destination], { cwd: pkg.dir, stdio: "pipe" });
  const tarball = readdirSync(destination).find((file) => !before.has(file) && file.endsWith(".tgz"));
  if (!tarball) throw new Error(`${pkg.name}: pnpm pack made no tarball`);
  return join(destination, tarball);
}

/** The manifest and file list inside a tarball, as npm will see them. */
export function readTarball(tarball: string): { manifest: Manifest; files: string[] } {
  const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" })) as Manifest;
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map((file) => file.replace(/^package\//, "./"));
  return { manifest, files };
}

/** Every `exports` entry: subpath and its conditions (`{ types, default }`) or target. */
export function entryPoints(manifest: Manifest): { subpath: string; target: unknown }[] {
  return Object.entries(manifest.exports ?? {}).map(([subpath, target]) => ({ subpath, target }));
}

/** An environment for npm and npx without the variables pnpm sets for its own scripts. */
export function npmEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|PNPM_|pnpm_)/i.test(key)));
  return { ...env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", ...extra };
}
