/** What a link's runtime expressions read: the source request and response, and the `x-each` item. */
export interface LinkScope {
  request: { path: Record<string, string>; query: Record<string, unknown>; body: unknown };
  response: { body: unknown };
  each?: unknown;
}

/**
 * Evaluates an OpenAPI runtime expression (`$request.body#/ptr`, `$request.path.name`,
 * `$request.query.name`, `$response.body#/ptr`) or the extension's `$each#/ptr`, which reads the
 * current item of the link's `x-each` list. Undefined when it does not resolve.
 */
export function evaluateExpression(expression: string, scope: LinkScope): unknown {
  const [source, pointer] = expression.split("#") as [string, string | undefined];
  const at = (root: unknown) => (pointer === undefined ? root : pointerInto(root, pointer));
  if (source === "$request.body") return at(scope.request.body);
  if (source === "$response.body") return at(scope.response.body);
  if (source === "$each") return at(scope.each);
  const param = /^\$request\.(path|query)\.(.+)$/.exec(source);
  if (param) return (param[1] === "path" ? scope.request.path : scope.request.query)[param[2]!];
  return undefined;
}

/** A JSON pointer (RFC 6901) into any JSON value. */
function pointerInto(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
