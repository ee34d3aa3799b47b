import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the proxy forwards it; a defect may rewrite any part. */
export interface ProxiedRequest {
  method: string;
  /** Path and query, e.g. `/metrics?starting_date=2024-01-01`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A response as the proxy returns it; a defect may rewrite any part. */
export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One planted defect: how it bends requests on the way in and responses on the way out. */
export interface Defect {
  /** Short name, e.g. `wrong-envelope`. */
  name: string;
  description: string;
  /** The requirement that must fail because of it. */
  caughtBy: string;
  /** Conformance classes the run needs to exercise the defect (smaller runs are faster). */
  classes: string[];
  /** The run needs a second organisation's key. */
  needsSecondKey?: boolean;
  /** The run's token is a member's key, with an admin `writeToken` of its organisation (class roles). */
  needsMemberKey?: boolean;
  request?: (req: ProxiedRequest, context: DefectContext) => ProxiedRequest | ProxiedResponse;
  response?: (res: ProxiedResponse, req: ProxiedRequest, context: DefectContext) => ProxiedResponse;
}

/** What a defect may know about the run: the two organisations' keys, and state it keeps. */
export interface DefectContext {
  tokenA: string;
  tokenB?: string;
  /** The member key the run uses as its token, and the admin key of its organisation, when the defect needs them. */
  member?: { token: string; writeToken: string };
  state: Map<string, unknown>;
}

export interface RunningProxy {
  url: string;
  close(): Promise<void>;
}

/** How a proxy bends what passes through it: a planted defect, or another server's manners. */
export type Bend = Pick<Defect, "request" | "response">;

/** Starts an HTTP proxy on an ephemeral port in front of `upstream`, applying `defect`. */
export async function startProxy(upstream: string, defect: Bend | undefined, context: DefectContext): Promise<RunningProxy> {
  const target = new URL(upstream);
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", async () => {
      try {
        const original: ProxiedRequest = {
          method: incoming.method ?? "GET",
          url: incoming.url ?? "/",
          headers: { ...incoming.headers },
          body: Buffer.concat(chunks),
        };
        const bent = defect?.request ? defect.request(original, context) : original;
        let response: ProxiedResponse;
        if ("status" in bent) {
          response = bent;
        } else {
          response = await forward(target, bent);
          if (defect?.response) response = defect.response(response, bent, context);
        }
        outgoing.writeHead(response.status, { ...response.headers, "content-length": String(response.body.length) });
        outgoing.end(response.body);
      } catch (error) {
        outgoing.writeHead(502, { "content-type": "text/plain" });
        outgoing.end(`proxy error: ${(error as Error).message}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function forward(target: URL, req: ProxiedRequest): Promise<ProxiedResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host, "content-length": String(req.body.length) };
    delete headers["transfer-encoding"];
    const upstream = httpRequest(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const out: Record<string, string> = {};
          for (const [key, value] of Object.entries(res.headers)) {
            if (value === undefined || key === "content-length" || key === "transfer-encoding" || key === "connection") continue;
            out[key] = Array.isArray(value) ? value.join(", ") : value;
          }
          resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
        });
        res.on("error", reject);
      },
    );
    upstream.on("error", reject);
    upstream.end(req.body);
  });
}

/** Parses a JSON body, lets `edit` change it, and re-serialises it. Non-JSON bodies pass untouched. */
// The body is untyped JSON on purpose: a defect edits whatever shape the response has.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function editJson(res: ProxiedResponse, edit: (body: any) => unknown): ProxiedResponse {
  if (!(res.headers["content-type"] ?? "").includes("json") || res.body.length === 0) return res;
  const body = JSON.parse(res.body.toString("utf8"));
  const edited = edit(body) ?? body;
  return { ...res, body: Buffer.from(JSON.stringify(edited)) };
}

export function pathOf(req: ProxiedRequest): string {
  return new URL(req.url, "http://proxy").pathname;
}
