import type { Random } from "./random.js";

/**
 * Generates a string matching a regular expression, for the subset schemas use: literals,
 * escapes (\d \w \s, escaped punctuation), classes `[...]`, groups with alternatives, and the
 * quantifiers ? * + {n} {n,m}. Returns undefined for anything else so the caller can fall back.
 */
export function stringForPattern(pattern: string, random: Random): string | undefined {
  try {
    const parser = new PatternParser(pattern.replace(/^\^/, "").replace(/\$$/, ""), random);
    const out = parser.sequence();
    if (parser.pos !== parser.src.length) return undefined;
    return new RegExp(pattern).test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

const DIGITS = "0123456789";
const WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

class PatternParser {
  pos = 0;
  constructor(
    readonly src: string,
    private readonly random: Random,
  ) {}

  sequence(): string {
    let out = "";
    while (this.pos < this.src.length && this.src[this.pos] !== ")" && this.src[this.pos] !== "|") {
      const atom = this.atom();
      out += this.quantified(atom);
    }
    return out;
  }

  private alternatives(): string {
    const options: string[] = [this.sequence()];
    while (this.src[this.pos] === "|") {
      this.pos++;
      options.push(this.sequence());
    }
    return this.random.pick(options);
  }

  private atom(): () => string {
    const c = this.src[this.pos++]!;
    if (c === "(") {
      if (this.src.startsWith("?:", this.pos)) this.pos += 2;
      const start = this.pos;
      this.alternatives();
      if (this.src[this.pos] !== ")") throw new Error("unclosed group");
      const body = this.src.slice(start, this.pos);
      this.pos++;
      return () => new PatternParser(body, this.random).alternatives();
    }
    if (c === "[") return this.charClass();
    if (c === "\\") return this.escape();
    if (c === ".") return () => this.random.pick([...WORD]);
    if ("^$*+?{".includes(c)) throw new Error(`unsupported ${c}`);
    return () => c;
  }

  private escape(): () => string {
    const e = this.src[this.pos++]!;
    if (e === "d") return () => this.random.pick([...DIGITS]);
    if (e === "w") return () => this.random.pick([...WORD]);
    if (e === "s") return () => " ";
    return () => e;
  }

  private charClass(): () => string {
    if (this.src[this.pos] === "^") throw new Error("negated class");
    const chars: string[] = [];
    while (this.src[this.pos] !== "]") {
      if (this.pos >= this.src.length) throw new Error("unclosed class");
      let c = this.src[this.pos++]!;
      if (c === "\\") {
        const e = this.src[this.pos++]!;
        if (e === "d") {
          chars.push(...DIGITS);
          continue;
        }
        if (e === "w") {
          chars.push(...WORD);
          continue;
        }
        c = e;
      }
      if (this.src[this.pos] === "-" && this.src[this.pos + 1] !== "]") {
        const end = this.src[this.pos + 1]!;
        this.pos += 2;
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) chars.push(String.fromCharCode(code));
      } else chars.push(c);
    }
    this.pos++;
    return () => this.random.pick(chars);
  }

  private quantified(atom: () => string): string {
    const q = this.src[this.pos];
    let min = 1;
    let max = 1;
    if (q === "?") [min, max] = [0, 1];
    else if (q === "*") [min, max] = [0, 3];
    else if (q === "+") [min, max] = [1, 4];
    else if (q === "{") {
      const close = this.src.indexOf("}", this.pos);
      if (close < 0) throw new Error("unclosed quantifier");
      const [a, b] = this.src.slice(this.pos + 1, close).split(",");
      min = Number(a);
      max = b === undefined ? min : b === "" ? min + 3 : Number(b);
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min || max > 1000) throw new Error("bad quantifier");
      this.pos = close;
    }
    if (q === "?" || q === "*" || q === "+" || q === "{") this.pos++;
    // Optional parts are left out more often than not: the shortest form is the most canonical.
    const count = min === 0 && max === 1 ? (this.random.chance(0.3) ? 1 : 0) : this.random.int(min, max);
    let out = "";
    for (let i = 0; i < count; i++) out += atom();
    return out;
  }
}
