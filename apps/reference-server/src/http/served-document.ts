import type { OpenApiDocument } from "@agent-analytics/contract";

interface Server {
  url: string;
  description?: string;
}

/** What a `Host` header may be for the rewrite (a name or address, and a port): anything else leaves the document as it is. */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The contract as served from `origin` (`http://127.0.0.1:3000`): every `servers` list, the
 * document's and each path's or operation's, starts with that origin, so that the API reference's
 * "Test request" reaches the server that serves the page. Entries naming a local development port
 * (`localhost:3000`, `localhost:4010`) are dropped, since the origin replaces them; production
 * entries stay, after it.
 */
export function documentServedFrom(doc: OpenApiDocument, origin: string): OpenApiDocument {
  const self: Server = { url: origin, description: "This server" };
  const rewrite = (servers: Server[] | undefined): Server[] => [self, ...(servers ?? []).filter((s) => !/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(s.url) && s.url !== origin)];
  const paths = Object.fromEntries(
    Object.entries(doc.paths ?? {}).map(([path, item]) => {
      const entry = { ...(item as Record<string, unknown>) };
      if (Array.isArray(entry.servers)) entry.servers = rewrite(entry.servers as Server[]);
      for (const [method, operation] of Object.entries(entry)) {
        if (typeof operation === "object" && operation !== null && Array.isArray((operation as { servers?: unknown }).servers)) {
          entry[method] = { ...operation, servers: rewrite((operation as { servers: Server[] }).servers) };
        }
      }
      return [path, entry];
    }),
  );
  return { ...doc, servers: rewrite(doc.servers as Server[] | undefined), paths } as OpenApiDocument;
}

/** The origin a request reached this server at, or undefined for a `Host` that is not one. */
export function requestOrigin(protocol: string, host: string | undefined): string | undefined {
  if (host === undefined || !HOST.test(host)) return undefined;
  return `${protocol === "https" ? "https" : "http"}://${host}`;
}
