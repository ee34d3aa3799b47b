/** Where a server listens and which contract it serves, as the mock and the proxy both take them. */
export interface ListenOptions {
  port?: number;
  host?: string;
  spec?: string;
}

/** `--port`, `--host` and `--spec` from parsed arguments: each absent, or a usable value. */
export function parseListenArgs(values: { port?: string; host?: string; spec?: string }): { ok: true; options: ListenOptions } | { ok: false; message: string } {
  const options: ListenOptions = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (values.port === "" || !Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: "--port needs a port number" };
    options.port = port;
  }
  if (values.host !== undefined) {
    if (!values.host) return { ok: false, message: "--host needs a value" };
    options.host = values.host;
  }
  if (values.spec !== undefined) {
    if (!values.spec) return { ok: false, message: "--spec needs a file" };
    options.spec = values.spec;
  }
  return { ok: true, options };
}
