import type { ClientError } from "@agent-analytics/client";

export interface ErrorMessage {
  /** One sentence a user understands. */
  title: string;
  /** What the server said, for whoever has to fix it. */
  detail: string;
  /** Whether trying again may help. */
  transient: boolean;
}

function byStatus(status: number): { title: string; transient: boolean } {
  if (status === 401) return { title: "The server did not accept the API key. Check the key in Settings.", transient: false };
  if (status === 403) return { title: "This key may not see these figures (organisation-wide figures need an admin key).", transient: false };
  if (status === 404) return { title: "Not found: the organisation has no such item.", transient: false };
  if (status === 400 || status === 422) return { title: "The server refused the request's parameters.", transient: false };
  if (status === 429) return { title: "The server is busy (too many requests).", transient: true };
  if (status === 502) return { title: "The dashboard cannot reach the server.", transient: true };
  if (status >= 500) return { title: `The server failed to answer (HTTP ${status}).`, transient: true };
  return { title: `The server answered HTTP ${status}.`, transient: false };
}

/** A client failure as a user reads it; the retry wait, when the server sent one, in whole seconds. */
export function describeError(error: ClientError): ErrorMessage {
  switch (error.kind) {
    case "network":
      return { title: "The dashboard cannot reach the server.", detail: error.message, transient: true };
    case "cancelled":
      return { title: "The request was cancelled.", detail: "", transient: true };
    case "api":
    case "unexpected-response": {
      const { title, transient } = byStatus(error.status);
      const wait = error.retryAfterMs === undefined ? "" : ` Try again in ${Math.max(1, Math.ceil(error.retryAfterMs / 1000))} s.`;
      const detail = error.kind === "api" ? error.message : error.text.slice(0, 300);
      return { title: title + wait, detail, transient };
    }
  }
}
