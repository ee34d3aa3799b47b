import { InvariantSyntaxError } from "./errors.js";

export type Token =
  | { type: "number"; value: number; at: number }
  | { type: "string"; value: string; at: number }
  | { type: "identifier"; value: string; at: number }
  | { type: "punct"; value: string; at: number }
  | { type: "end"; at: number };

// Longest operators first so that "<=" is not read as "<" then "=".
const PUNCTUATION = ["=>", "==", "!=", "<=", ">=", "&&", "||", "??", "[*]", "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", "(", ")", "[", "]", ",", "."];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ type: "number", value: Number(match[0]), at: i });
      i += match[0].length;
      continue;
    }
    if (ch === '"') {
      let value = "";
      let j = i + 1;
      while (j < source.length && source[j] !== '"') {
        if (source[j] === "\\") {
          const next = source[j + 1];
          if (next !== '"' && next !== "\\") throw new InvariantSyntaxError(source, j, "unsupported escape");
          value += next;
          j += 2;
        } else {
          value += source[j];
          j++;
        }
      }
      if (j >= source.length) throw new InvariantSyntaxError(source, i, "unterminated string");
      tokens.push({ type: "string", value, at: i });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i))!;
      tokens.push({ type: "identifier", value: match[0], at: i });
      i += match[0].length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) throw new InvariantSyntaxError(source, i, `unexpected character '${ch}'`);
    tokens.push({ type: "punct", value: punct, at: i });
    i += punct.length;
  }
  tokens.push({ type: "end", at: source.length });
  return tokens;
}
