/**
 * Which published packages a breaking contract change affects, and whether `.changeset/` already
 * announces a breaking release of each. A package is affected when it ships a generated file of the
 * contract (the document, the types) or depends, directly or not, on one that does. A breaking
 * release is a major bump, or a minor bump while the package is below 1.0.0: semver's caret ranges
 * (`^0.1.0`) never cross a 0.x minor, so that bump is already what protects its users.
 */
import { relative } from "node:path";
import readChangesets from "@changesets/read";
import { getPackages } from "@manypkg/get-packages";

export interface ChangesetVerdict {
  /** Published packages that need a breaking release. */
  affected: string[];
  /** Those without a pending changeset that makes one. */
  missing: string[];
}

export type BumpType = "major" | "minor" | "patch" | "none";

/** Whether a bump of a package at `version` breaks its users' semver ranges. */
export function isBreakingBump(type: BumpType, version: string): boolean {
  if (type === "major") return true;
  return type === "minor" && /^0\./.test(version);
}

export async function checkMajorChangesets(root: string, generatedFiles: string[]): Promise<ChangesetVerdict> {
  const { packages } = await getPackages(root);
  const published = packages.filter((p) => !p.packageJson.private);
  const affected = new Set(
    published
      .filter((p) => generatedFiles.some((file) => !relative(relative(root, p.dir), file).startsWith("..")))
      .map((p) => p.packageJson.name),
  );
  // Dependents, to a fixed point: a package re-exporting the types changes with them.
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of published) {
      const deps = { ...p.packageJson.dependencies, ...p.packageJson.peerDependencies };
      if (!affected.has(p.packageJson.name) && Object.keys(deps).some((name) => affected.has(name))) {
        affected.add(p.packageJson.name);
        grew = true;
      }
    }
  }
  const versions = new Map(published.map((p) => [p.packageJson.name, p.packageJson.version ?? "0.0.0"]));
  const announced = new Set(
    (await readChangesets(root)).flatMap((changeset) =>
      changeset.releases.filter((r) => isBreakingBump(r.type, versions.get(r.name) ?? "0.0.0")).map((r) => r.name),
    ),
  );
  const names = [...affected].sort();
  return { affected: names, missing: names.filter((name) => !announced.has(name)) };
}
