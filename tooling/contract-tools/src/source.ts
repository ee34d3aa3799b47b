/**
 * Where things are in the module files a contributor edits. Errors of the merge and of generation
 * name the module file, the JSON pointer inside it and, from the YAML parser, the line and column,
 * so the message points at the line to fix rather than at the merged document.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";

export interface SourcePosition {
  line: number;
  column: number;
}

/** A place in a module file: `file` relative to the repository, `pointer` a JSON pointer (`/a/b`). */
export interface SourceLocation {
  file: string;
  pointer?: string;
  position?: SourcePosition;
}

export const formatLocation = ({ file, pointer, position }: SourceLocation): string =>
  `${file}${position ? `:${position.line}:${position.column}` : ""}${pointer !== undefined ? ` (#${pointer})` : ""}`;

/** One problem in the sources; the message is meant to be printed as is, without a stack. */
export class ContractSourceError extends Error {
  constructor(
    readonly location: SourceLocation,
    readonly problem: string,
  ) {
    super(`${formatLocation(location)}: ${problem}`);
    this.name = "ContractSourceError";
  }
}

/** Every problem found in one pass, so a contributor fixes them all at once. */
export class ContractErrors extends Error {
  constructor(readonly errors: Error[]) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "ContractErrors";
  }
}

/** Finds the line and column of a JSON pointer in a parsed module file. */
export type Locator = (pointer: string) => SourcePosition | undefined;

export const splitPointer = (pointer: string): string[] =>
  pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));

export const joinPointer = (segments: (string | number)[]): string =>
  segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");

/**
 * Parses one module file. A YAML syntax error becomes a ContractSourceError with the parser's line
 * and column; the returned locator finds any pointer of the document (the key's position, where the
 * pointer ends at a mapping key).
 */
export function parseModuleSource(file: string, text: string): { document: unknown; locate: Locator } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    throw new ContractErrors(
      doc.errors.map((error) => new ContractSourceError({ file, position: toPosition(error.pos[0]) }, `YAML: ${error.message.split("\n")[0]}`)),
    );
  }
  const locate: Locator = (pointer) => {
    let node: unknown = doc.contents;
    let offset = (node as Node | null)?.range?.[0];
    for (const segment of splitPointer(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === segment);
        if (!pair) return offset === undefined ? undefined : toPosition(offset);
        offset = (pair.key as Node | null)?.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        node = node.items[Number(segment)];
        offset = (node as Node | null)?.range?.[0] ?? offset;
      } else {
        break;
      }
    }
    return offset === undefined ? undefined : toPosition(offset);
  };
  return { document: doc.toJS({ maxAliasCount: -1 }), locate };
}

/** The first place where two JSON values differ, as a pointer relative to them, with both sides. */
export function firstDifference(a: unknown, b: unknown, at: (string | number)[] = []): { pointer: string; a: unknown; b: unknown } | undefined {
  if (Object.is(a, b)) return undefined;
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects = isPlainObject(a) && isPlainObject(b);
  if (!bothArrays && !bothObjects) return { pointer: joinPointer(at), a, b };
  const keys = bothArrays
    ? Array.from({ length: Math.max((a as unknown[]).length, (b as unknown[]).length) }, (_, i) => i)
    : [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])];
  for (const key of keys) {
    const left = (a as Record<string | number, unknown>)[key];
    const right = (b as Record<string | number, unknown>)[key];
    const found = firstDifference(left, right, [...at, key]);
    if (found) return found;
  }
  return undefined;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A value for a one-line message: JSON, cut short; `(absent)` for a missing one. */
export function showValue(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
