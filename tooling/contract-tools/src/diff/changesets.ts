/**
 * Which published packages a breaking contract change affects, and whether `.changeset/` already
 * announces a major release of each. A package is affected when it ships a generated file of the
 * contract (the document, the types) or depends, directly or not, on one that does.
 */
import { relative } from "node:path";
import readChangesets from "@changesets/read";
import { getPackages } from "@manypkg/get-packages";

export interface ChangesetVerdict {
  /** Published packages that need a major release. */
  affected: string[];
  /** Those without a pending major changeset. */
  missing: string[];
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
  const majors = new Set(
    (await readChangesets(root)).flatMap((changeset) => changeset.releases.filter((r) => r.type === "major").map((r) => r.name)),
  );
  const names = [...affected].sort();
  return { affected: names, missing: names.filter((name) => !majors.has(name)) };
}
