import { Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { UpstreamResponse } from "./check-exchange.js";

/** Headers of one connection (RFC 9110 7.6.1), never forwarded; `host` is the upstream's own. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length"]);

export interface Forwarded extends UpstreamResponse {
  /** The upstream's headers as sent (a repeated `set-cookie` stays a list), without hop-by-hop ones. */
  raw: IncomingHttpHeaders;
}

/**
 * Sends requests on to one upstream over kept-alive connections, and reads each answer whole: the
 * proxy judges a body before it passes it on.
 */
export class Upstream {
  readonly base: URL;
  private readonly agent: Agent;
  private readonly send: typeof httpRequest;

  constructor(url: string) {
    this.base = new URL(url);
    if (!["http:", "https:"].includes(this.base.protocol)) throw new Error(`the upstream must be an http or https URL: ${url}`);
    const https = this.base.protocol === "https:";
    this.agent = https ? new HttpsAgent({ keepAlive: true, maxSockets: 256 }) : new Agent({ keepAlive: true, maxSockets: 256 });
    this.send = https ? httpsRequest : httpRequest;
  }

  forward(method: string, target: string, headers: IncomingHttpHeaders, body: Uint8Array | undefined): Promise<Forwarded> {
    const sent: IncomingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) sent[name] = value;
    if (body !== undefined) sent["content-length"] = String(body.length);
    const path = `${this.base.pathname.replace(/\/$/, "")}${target.startsWith("/") ? target : `/${target}`}`;
    return new Promise((resolve, reject) => {
      const req = this.send({ protocol: this.base.protocol, hostname: this.base.hostname, port: this.base.port, method, path, headers: sent, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const raw: IncomingHttpHeaders = {};
          const flat: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (HOP_BY_HOP.has(name) || value === undefined) continue;
            raw[name] = value;
            flat[name] = Array.isArray(value) ? value.join(", ") : value;
          }
          resolve({ status: res.statusCode ?? 502, headers: flat, raw, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
        });
      });
      // Without it, a small request on a kept-alive socket can wait on Nagle and the peer's delayed ACK.
      req.on("socket", (socket) => socket.setNoDelay(true));
      req.on("error", reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

const DECODERS: Record<string, (bytes: Buffer) => Buffer> = { gzip: gunzipSync, "x-gzip": gunzipSync, deflate: inflateSync, br: brotliDecompressSync };

/** The answer as the checks read it: a compressed body decoded (it is passed on as it came). */
export function decodedForChecks(answer: UpstreamResponse): UpstreamResponse {
  const encoding = answer.headers["content-encoding"]?.trim().toLowerCase();
  const decode = encoding ? DECODERS[encoding] : undefined;
  if (!decode || answer.body.length === 0) return answer;
  try {
    return { ...answer, body: decode(answer.body) };
  } catch {
    return answer;
  }
}
