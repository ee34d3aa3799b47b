/** Syntax tree of an invariant expression. See docs/invariants.md for the grammar. */
export type Node =
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "list"; items: Node[] }
  | { kind: "identifier"; name: string }
  | { kind: "member"; object: Node; property: string }
  | { kind: "index"; object: Node; index: number }
  | { kind: "wildcard"; object: Node }
  | { kind: "unary"; operator: "!" | "-"; operand: Node }
  | { kind: "binary"; operator: BinaryOperator; left: Node; right: Node }
  | { kind: "conditional"; test: Node; then: Node; otherwise: Node }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "lambda"; param: string; body: Node };

export type BinaryOperator =
  | "||" | "&&" | "??"
  | "==" | "!=" | "<" | "<=" | ">" | ">="
  | "+" | "-" | "*" | "/" | "%";
