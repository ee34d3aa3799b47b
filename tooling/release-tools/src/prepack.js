/**
 * The `prepack` step of every published package: refuses npm, builds, then checks that every file
 * the published manifest points at exists, so a pack never ships an empty or broken package.
 *
 * Plain JavaScript, so it runs with no build and no loader: it is what builds the rest.
 *
 * Why refuse npm: `npm pack` / `npm publish` keep `workspace:*` and `catalog:` ranges and ignore
 * `publishConfig.exports`, so the tarball would point at ./src/*.ts and at unresolvable versions.
 * `pnpm pack` and `pnpm publish` (which `changeset publish` runs here) rewrite both.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";

const fail = (message) => {
  process.stderr.write(`${message}\n`);
  return 1;
};

/** Every relative file a manifest's published fields point at. */
export function publishedTargets(manifest) {
  const published = { ...manifest, ...manifest.publishConfig };
  const targets = [];
  const collect = (value) => {
    if (typeof value === "string") targets.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(published.exports);
  collect(published.bin);
  for (const field of ["main", "types", "module"]) collect(published[field]);
  return [...new Set(targets)].filter((target) => target.startsWith("./") && !target.includes("*"));
}

export function prepack(dir, env) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const agent = env.npm_config_user_agent ?? "";
  if (!agent.startsWith("pnpm/")) {
    return fail(
      [
        `${manifest.name}: pack and publish this package with pnpm (\`pnpm pack\`, \`pnpm publish\`, or \`pnpm changeset publish\` at the root).`,
        `${agent.split(" ")[0] || "This client"} would ship its workspace:* and catalog: dependencies unresolved and its development exports (./src/*.ts).`,
      ].join("\n"),
    );
  }
  if (manifest.scripts?.build) {
    // From scratch: files of a deleted source left in dist/ by an earlier build must not ship.
    rmSync(join(dir, "dist"), { recursive: true, force: true });
    const build = spawnSync("pnpm", ["run", "build"], { cwd: dir, stdio: "inherit", env });
    if (build.status !== 0) return fail(`${manifest.name}: the build failed; nothing packed.`);
  }
  const missing = publishedTargets(manifest).filter((target) => !existsSync(join(dir, target)));
  if (missing.length > 0) return fail(`${manifest.name}: the published manifest points at files the build did not make: ${missing.join(", ")}`);
  return 0;
}
