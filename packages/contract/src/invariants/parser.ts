import type { BinaryOperator, Node } from "./ast.js";
import { InvariantSyntaxError } from "./errors.js";
import { tokenize, type Token } from "./lexer.js";

// Binding power of each binary operator: higher binds tighter.
const PRECEDENCE: Record<BinaryOperator, number> = {
  "??": 1,
  "||": 2,
  "&&": 3,
  "==": 4, "!=": 4,
  "<": 5, "<=": 5, ">": 5, ">=": 5,
  "+": 6, "-": 6,
  "*": 7, "/": 7, "%": 7,
};
const KEYWORDS: Record<string, Node> = {
  true: { kind: "literal", value: true },
  false: { kind: "literal", value: false },
  null: { kind: "literal", value: null },
};

/** Parses one invariant expression; throws InvariantSyntaxError with the position on bad input. */
export function parseInvariant(source: string): Node {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const fail = (reason: string): never => {
    throw new InvariantSyntaxError(source, peek().at, reason);
  };
  const isPunct = (value: string) => {
    const t = peek();
    return t.type === "punct" && t.value === value;
  };
  const expect = (value: string) => {
    if (!isPunct(value)) fail(`expected '${value}'`);
    pos++;
  };

  function expression(): Node {
    const test = binary(0);
    if (!isPunct("?")) return test;
    pos++;
    const then = expression();
    expect(":");
    return { kind: "conditional", test, then, otherwise: expression() };
  }

  function binary(minPrecedence: number): Node {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.type !== "punct" || !(t.value in PRECEDENCE)) return left;
      const operator = t.value as BinaryOperator;
      const precedence = PRECEDENCE[operator];
      if (precedence <= minPrecedence) return left;
      pos++;
      left = { kind: "binary", operator, left, right: binary(precedence) };
    }
  }

  function unary(): Node {
    if (isPunct("!") || isPunct("-")) {
      const operator = (peek() as { value: "!" | "-" }).value;
      pos++;
      return { kind: "unary", operator, operand: unary() };
    }
    return postfix(primary());
  }

  function postfix(node: Node): Node {
    for (;;) {
      if (isPunct(".")) {
        pos++;
        const t = peek();
        if (t.type !== "identifier") fail("expected a property name after '.'");
        pos++;
        node = { kind: "member", object: node, property: (t as { value: string }).value };
      } else if (isPunct("[*]")) {
        pos++;
        node = { kind: "wildcard", object: node };
      } else if (isPunct("[")) {
        pos++;
        const t = peek();
        if (t.type !== "number" || !Number.isInteger(t.value)) fail("expected an integer index");
        pos++;
        expect("]");
        node = { kind: "index", object: node, index: (t as { value: number }).value };
      } else {
        return node;
      }
    }
  }

  function primary(): Node {
    const t = peek();
    if (t.type === "number" || t.type === "string") {
      pos++;
      return { kind: "literal", value: t.value };
    }
    if (t.type === "identifier") {
      pos++;
      if (t.value in KEYWORDS) return KEYWORDS[t.value]!;
      if (isPunct("(")) return call(t.value);
      return { kind: "identifier", name: t.value };
    }
    if (isPunct("(")) {
      pos++;
      const inner = expression();
      expect(")");
      return inner;
    }
    if (isPunct("[")) {
      pos++;
      const items: Node[] = [];
      while (!isPunct("]")) {
        items.push(expression());
        if (!isPunct("]")) expect(",");
      }
      pos++;
      return { kind: "list", items };
    }
    return fail(t.type === "end" ? "unexpected end of expression" : "unexpected token");
  }

  function call(name: string): Node {
    expect("(");
    const args: Node[] = [];
    while (!isPunct(")")) {
      args.push(argument());
      if (!isPunct(")")) expect(",");
    }
    pos++;
    return { kind: "call", name, args };
  }

  function argument(): Node {
    const t = peek();
    const next = tokens[pos + 1];
    if (t.type === "identifier" && next?.type === "punct" && next.value === "=>") {
      pos += 2;
      return { kind: "lambda", param: t.value, body: expression() };
    }
    return expression();
  }

  const tree = expression();
  if (peek().type !== "end") fail("unexpected token after the expression");
  return tree;
}
