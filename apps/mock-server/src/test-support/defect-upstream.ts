import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Bent {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One planted defect: it bends the answer of a correct server to a request, or leaves it alone. */
export type Bend = (method: string, url: URL, answer: Bent) => Bent;

/**
 * A test upstream: a correct server (the mock) behind a bend that plants a defect in some answers,
 * so that the proxy can be shown to find each one.
 */
export async function startDefectUpstream(correct: string, bend: () => Bend): Promise<{ url: string; close(): Promise<void> }> {
  const base = new URL(correct);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers: IncomingHttpHeaders = { ...req.headers, host: base.host };
      delete headers["content-length"];
      delete headers["transfer-encoding"];
      const body = Buffer.concat(chunks);
      const out = httpRequest({ hostname: base.hostname, port: base.port, method: req.method, path: req.url, headers: { ...headers, "content-length": String(body.length) } }, (answer) => {
        const parts: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => parts.push(chunk));
        answer.on("end", () => {
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(answer.headers)) if (typeof value === "string" && name !== "content-length" && name !== "connection") flat[name] = value;
          const bent = bend()(req.method ?? "GET", new URL(req.url ?? "/", base), { status: answer.statusCode ?? 500, headers: flat, body: Buffer.concat(parts).toString("utf8") });
          res.writeHead(bent.status, { ...bent.headers, "content-length": Buffer.byteLength(bent.body) });
          res.end(bent.body);
        });
      });
      out.on("error", () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Edits a JSON body. */
export function editJson(answer: Bent, edit: (body: Record<string, unknown>) => unknown): Bent {
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  const edited = edit(body) ?? body;
  return { ...answer, body: JSON.stringify(edited) };
}
