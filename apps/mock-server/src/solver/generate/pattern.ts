import type { Random } from "./random.js";

/**
 * Generates a string matching a regular expression, for the subset schemas use: literals,
 * escapes (\d \w \s, escaped punctuation), classes `[...]`, groups with alternatives, and the
 * quantifiers ? * + {n} {n,m}. Returns undefined for anything else so the caller can fall back.
 * Each pattern is parsed once; generating from the parsed form is a few PRNG draws.
 */
export function stringForPattern(pattern: string, random: Random): string | undefined {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = compile(pattern);
    cache.set(pattern, compiled);
  }
  if (compiled === null) return undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const out = emitSequence(compiled.tree, random);
    if (compiled.check.test(out)) return out;
  }
  return undefined;
}

type Atom = { kind: "chars"; chars: string } | { kind: "group"; options: Piece[][] };
interface Piece {
  atom: Atom;
  min: number;
  max: number;
}

const cache = new Map<string, { tree: Piece[]; check: RegExp } | null>();
const DIGITS = "0123456789";
const WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

function compile(pattern: string): { tree: Piece[]; check: RegExp } | null {
  try {
    const parser = new PatternParser(pattern.replace(/^\^/, "").replace(/\$$/, ""));
    const tree = parser.sequence();
    if (parser.pos !== parser.src.length) return null;
    return { tree, check: new RegExp(pattern) };
  } catch {
    return null;
  }
}

function emitSequence(pieces: Piece[], random: Random): string {
  let out = "";
  for (const { atom, min, max } of pieces) {
    // Optional parts are left out more often than not: the shortest form is the most canonical.
    const count = min === 0 && max === 1 ? (random.chance(0.3) ? 1 : 0) : random.int(min, max);
    for (let i = 0; i < count; i++) {
      out += atom.kind === "chars" ? atom.chars[random.int(0, atom.chars.length - 1)]! : emitSequence(random.pick(atom.options), random);
    }
  }
  return out;
}

class PatternParser {
  pos = 0;
  constructor(readonly src: string) {}

  sequence(): Piece[] {
    const pieces: Piece[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== ")" && this.src[this.pos] !== "|") {
      const atom = this.atom();
      pieces.push({ atom, ...this.quantifier() });
    }
    return pieces;
  }

  private atom(): Atom {
    const c = this.src[this.pos++]!;
    if (c === "(") {
      if (this.src.startsWith("?:", this.pos)) this.pos += 2;
      const options: Piece[][] = [this.sequence()];
      while (this.src[this.pos] === "|") {
        this.pos++;
        options.push(this.sequence());
      }
      if (this.src[this.pos] !== ")") throw new Error("unclosed group");
      this.pos++;
      return { kind: "group", options };
    }
    if (c === "[") return { kind: "chars", chars: this.charClass() };
    if (c === "\\") return { kind: "chars", chars: this.escape(this.src[this.pos++]!) };
    if (c === ".") return { kind: "chars", chars: WORD };
    if ("^$*+?{|)".includes(c)) throw new Error(`unsupported ${c}`);
    return { kind: "chars", chars: c };
  }

  private escape(e: string): string {
    if (e === "d") return DIGITS;
    if (e === "w") return WORD;
    if (e === "s") return " ";
    if (/[0-9]/.test(e)) throw new Error("back-references are not supported");
    return e;
  }

  private charClass(): string {
    if (this.src[this.pos] === "^") throw new Error("negated class");
    let chars = "";
    while (this.src[this.pos] !== "]") {
      if (this.pos >= this.src.length) throw new Error("unclosed class");
      let c = this.src[this.pos++]!;
      if (c === "\\") {
        const e = this.src[this.pos++]!;
        if (e === "d" || e === "w") {
          chars += this.escape(e);
          continue;
        }
        c = e;
      }
      if (this.src[this.pos] === "-" && this.src[this.pos + 1] !== "]") {
        const end = this.src[this.pos + 1]!;
        this.pos += 2;
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) chars += String.fromCharCode(code);
      } else chars += c;
    }
    this.pos++;
    if (chars === "") throw new Error("empty class");
    return chars;
  }

  private quantifier(): { min: number; max: number } {
    const q = this.src[this.pos];
    if (q === "?" || q === "*" || q === "+") {
      this.pos++;
      return q === "?" ? { min: 0, max: 1 } : q === "*" ? { min: 0, max: 3 } : { min: 1, max: 4 };
    }
    if (q !== "{") return { min: 1, max: 1 };
    const close = this.src.indexOf("}", this.pos);
    if (close < 0) throw new Error("unclosed quantifier");
    const [a, b] = this.src.slice(this.pos + 1, close).split(",");
    const min = Number(a);
    const max = b === undefined ? min : b === "" ? min + 3 : Number(b);
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min || max > 1000) throw new Error("bad quantifier");
    this.pos = close + 1;
    return { min, max };
  }
}
