import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import type { ServerResponse } from "node:http";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".ico": "image/x-icon",
};

/**
 * Serves a file of the built app. Paths are resolved inside `root` (anything that escapes it is a
 * 404); `/` is index.html. Vite names assets by content hash, so they may be cached for good.
 */
export async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return void response.writeHead(400, { "content-type": "text/plain" }).end("bad path");
  }
  const base = resolve(root);
  const file = resolve(join(base, decoded === "/" ? "index.html" : decoded));
  const found = file.startsWith(base + sep) ? await stat(file).catch(() => undefined) : undefined;
  if (!found?.isFile()) return void response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  const immutable = decoded.startsWith("/assets/");
  response.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": found.size,
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
  });
  createReadStream(file).pipe(response);
}
