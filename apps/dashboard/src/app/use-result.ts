import type { ClientError } from "@agent-analytics/client";
import { useCallback, useEffect, useState } from "preact/hooks";

/** A request as a view shows it: loading, failed (with the client's typed error), or its data. */
export type Loaded<T> = { state: "loading" } | { state: "error"; error: ClientError } | { state: "ready"; data: T };

/** What a call settles to: the client's `Result`, or several combined by `all`. */
type Settled = { data: unknown; error: undefined } | { data: undefined; error: ClientError };
/** The data of a settled call's success. */
export type DataOf<R> = R extends { data: infer D; error: undefined } ? D : never;

/**
 * Runs `load` whenever `key` changes (a view's parameters, serialised) and on `reload()`; a request
 * made stale by a newer one is aborted, so an old answer never overwrites a new one.
 */
export function useResult<R extends Settled>(key: string, load: (signal: AbortSignal) => Promise<R>): Loaded<DataOf<R>> & { reload: () => void } {
  type T = DataOf<R>;
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ state: "loading" });
    void load(controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setLoaded(result.error ? { state: "error", error: result.error } : { state: "ready", data: result.data as T });
    });
    return () => controller.abort();
    // `load` is a new closure on every render; `key` names what it depends on.
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...loaded, reload };
}

/** Several calls as one: the first failure, or every data. */
export async function all<T extends readonly unknown[]>(
  results: { [K in keyof T]: Promise<{ data: T[K]; error: undefined } | { data: undefined; error: ClientError }> },
): Promise<{ data: T; error: undefined } | { data: undefined; error: ClientError }> {
  const settled = await Promise.all(results);
  const failed = settled.find((r) => r.error !== undefined);
  if (failed?.error) return { data: undefined, error: failed.error };
  return { data: settled.map((r) => r.data) as unknown as T, error: undefined };
}
