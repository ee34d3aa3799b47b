import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The launcher file of a package's CLI, resolved from `from` (the caller's `import.meta.url`): pnpm
 * links only the packages a package declares, so the lookup must start where the dependency is
 * declared. With no `binName`, the package's only bin.
 */
export function resolveBin(packageName: string, from: string | URL, binName?: string): string {
  const manifestPath = createRequire(from).resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin?: string | Record<string, string> };
  const bins = typeof manifest.bin === "string" ? { [packageName]: manifest.bin } : (manifest.bin ?? {});
  const names = Object.keys(bins);
  const name = binName ?? (names.length === 1 ? names[0] : undefined);
  if (name === undefined || bins[name] === undefined) {
    throw new Error(`${packageName} has no bin ${binName ?? "(it declares " + (names.join(", ") || "none") + ")"}`);
  }
  return join(dirname(manifestPath), bins[name]);
}

/** The environment without some variables, e.g. the storage settings a child must not inherit. */
export function envWithout(names: string[], base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const name of names) delete env[name];
  return env;
}
