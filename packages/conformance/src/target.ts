import type { Operation } from "@agent-analytics/contract";

/**
 * Percent-encodes a value as UTF-8, and a lone surrogate (which UTF-8 cannot hold) as the three
 * bytes WTF-8 gives it: encodeURIComponent would throw and URLSearchParams would quietly send
 * U+FFFD instead, so a hostile value would never reach the server as written.
 */
export function encodeComponent(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else {
      out += encodeURIComponent(value[i]!);
    }
  }
  return out;
}

/** The path and query of a request to `operation`, encoded as sent. */
export function targetOf(operation: Operation, path: Record<string, string>, query: Record<string, string | number | boolean | undefined>): string {
  const pathname = operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeComponent(path[name] ?? ""));
  const pairs = Object.entries(query).flatMap(([name, value]) => (value === undefined ? [] : [`${encodeComponent(name)}=${encodeComponent(String(value))}`]));
  return pairs.length ? `${pathname}?${pairs.join("&")}` : pathname;
}
