const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** An instant for date-time strings; a missing offset means UTC (agentos `date`). */
function instant(value: string): number {
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
}

/**
 * Where `actual` differs from `expected`, as `path: expected X, got Y` lines. Only the expected
 * properties are compared (the schema check covers the rest); date-times compare as instants,
 * since the contract fixes the instant, not its spelling.
 */
export function differences(expected: unknown, actual: unknown, path = ""): string[] {
  const at = path || "(body)";
  if (typeof expected === "string" && typeof actual === "string" && DATE_TIME.test(expected) && DATE_TIME.test(actual)) {
    return instant(expected) === instant(actual) ? [] : [`${at}: expected ${expected}, got ${actual}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array of ${expected.length}, got ${show(actual)}`];
    const out: string[] = [];
    if (actual.length !== expected.length) out.push(`${at}: expected ${expected.length} items, got ${actual.length}`);
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) out.push(...differences(expected[i], actual[i], `${path}[${i}]`));
    return out;
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return [`${at}: expected an object, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) => differences(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
  }
  return Object.is(expected, actual) || expected === actual ? [] : [`${at}: expected ${show(expected)}, got ${show(actual)}`];
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? "nothing" : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
