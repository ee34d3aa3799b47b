import type { ComponentChildren } from "preact";
import { describeError } from "../error-message.js";
import type { Loaded } from "../use-result.js";

export function Loading({ what }: { what: string }) {
  return (
    <div class="status loading" role="status" data-state="loading">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return (
    <div class="status empty" data-state="empty">
      {children}
    </div>
  );
}

export function Failed({ loaded, reload }: { loaded: Extract<Loaded<unknown>, { state: "error" }>; reload: () => void }) {
  const message = describeError(loaded.error);
  return (
    <div class="status error" role="alert" data-state="error" data-status={"status" in loaded.error ? loaded.error.status : loaded.error.kind}>
      <strong>{message.title}</strong>
      {message.detail && <p class="detail">{message.detail}</p>}
      <button type="button" onClick={reload}>
        Try again
      </button>
    </div>
  );
}

interface ShowProps<T> {
  loaded: Loaded<T> & { reload: () => void };
  /** What is loading, for the loading line ("organisation figures"). */
  what: string;
  /** When the data holds nothing to show, the sentence that says so. */
  empty?: (data: T) => string | undefined;
  children: (data: T) => ComponentChildren;
}

/** One request's three states and its empty case, the same way in every view. */
export function Show<T>({ loaded, what, empty, children }: ShowProps<T>) {
  if (loaded.state === "loading") return <Loading what={what} />;
  if (loaded.state === "error") return <Failed loaded={loaded} reload={loaded.reload} />;
  const nothing = empty?.(loaded.data);
  return nothing ? <Empty>{nothing}</Empty> : <>{children(loaded.data)}</>;
}
