/**
 * An evaluation scope whose names read through to `source`, so that an invariant re-checked after
 * the solver wrote a field sees the new value (a spread copy would keep the old one).
 */
export function liveVars(source: Record<string, unknown>, extra: Record<string, () => unknown> = {}): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    Object.defineProperty(vars, key, { get: () => source[key], enumerable: true, configurable: true });
  }
  for (const [key, get] of Object.entries(extra)) {
    Object.defineProperty(vars, key, { get, enumerable: true, configurable: true });
  }
  return vars;
}

/** A copy of a scope that keeps its getters live, with one more plain binding. */
export function extendVars(vars: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(vars)) as Record<string, unknown>;
  Object.defineProperty(copy, name, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}
