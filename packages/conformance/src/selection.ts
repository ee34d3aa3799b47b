import type { Requirement } from "./requirement.js";
import type { ConformanceOptions } from "./types.js";

/** The check of a requirement: the last segment of its id (`bounds`, `figures`, ...). */
export const checkOf = (id: string): string => id.split(".").pop()!;

/**
 * Why a requirement is not part of what the run holds the server to, or undefined when it is:
 * its class or its operation's module is not claimed, or the options did not select it.
 */
export function notRequiredBecause(requirement: Requirement, claimed: Set<string>, options: ConformanceOptions): string | undefined {
  if (!claimed.has(requirement.class)) return `class ${requirement.class} is not claimed`;
  if (requirement.module && !claimed.has(requirement.module)) return `class ${requirement.module}, whose operation it reads, is not claimed`;
  const check = checkOf(requirement.id);
  if (options.operations?.length && !(requirement.operationId && options.operations.includes(requirement.operationId))) {
    return `not selected (--operation ${options.operations.join(",")})`;
  }
  if (options.checks?.length && !options.checks.includes(check)) return `not selected (--check ${options.checks.join(",")})`;
  if (options.excludeChecks?.includes(check)) return `not selected (--exclude-check ${options.excludeChecks.join(",")})`;
  return undefined;
}
