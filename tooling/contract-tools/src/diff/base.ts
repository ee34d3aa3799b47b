/**
 * The revision to compare with, and the merged contract as it was there. Default: the last release
 * (the newest `@agent-analytics/contract@*` tag reachable from HEAD, as `changeset publish` tags
 * it), else the merge-base with main (on a new branch: HEAD, so uncommitted edits are compared).
 * On main itself the merge-base is HEAD, so the base is HEAD's first parent: CI on main checks the
 * change that landed last.
 */
import { execFileSync } from "node:child_process";

export interface Base {
  ref: string;
  commit: string;
  /** Why this revision: shown in the report. */
  reason: string;
}

export const RELEASE_TAG = "@agent-analytics/contract@*";
export const DOCUMENT = "specs/dist/openapi.json";

export class BaseError extends Error {}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

const commitOf = (root: string, ref: string) => git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);

export function resolveBase(root: string, explicit?: string): Base {
  if (explicit) {
    const commit = commitOf(root, explicit);
    if (!commit) throw new BaseError(`--base ${explicit}: no such commit in this repository`);
    return { ref: explicit, commit, reason: "given with --base" };
  }
  const tag = git(root, ["describe", "--tags", "--abbrev=0", "--match", RELEASE_TAG, "HEAD"]);
  if (tag) return { ref: tag, commit: commitOf(root, tag)!, reason: "the last release" };
  const head = commitOf(root, "HEAD");
  if (!head) throw new BaseError("no commit yet: nothing to compare with");
  const branch = git(root, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  for (const main of ["main", "origin/main"]) {
    const mainCommit = commitOf(root, main);
    if (!mainCommit) continue;
    const mergeBase = git(root, ["merge-base", "HEAD", main]);
    if (!mergeBase) continue;
    const onMain = branch === main || (branch === undefined && head === mainCommit);
    if (!onMain || mergeBase !== head) return { ref: main, commit: mergeBase, reason: `no release tag yet: the merge-base with ${main}` };
    const parent = commitOf(root, "HEAD^");
    if (!parent) throw new BaseError(`on the first commit of ${main} with no release tag: nothing to compare with; pass --base REF`);
    return { ref: "HEAD^", commit: parent, reason: `no release tag yet and HEAD is on ${main}: the commit before HEAD` };
  }
  throw new BaseError("no release tag and no main branch to compare with: pass --base REF");
}

/** The merged contract committed at the base (the generate step keeps it fresh at every commit). */
export function contractAt(root: string, base: Base): Record<string, unknown> {
  const text = git(root, ["show", `${base.commit}:${DOCUMENT}`]);
  if (text === undefined) throw new BaseError(`${base.ref} (${base.commit.slice(0, 10)}) has no ${DOCUMENT} to compare with`);
  return JSON.parse(text) as Record<string, unknown>;
}
