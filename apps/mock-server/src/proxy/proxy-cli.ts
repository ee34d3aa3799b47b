import { MockEngine } from "../engine.js";
import { loadDocument } from "../load-document.js";
import { RequestLog } from "../log/request-log.js";
import { parseProxyArgs } from "./proxy-cli-args.js";
import { startProxyServer } from "./proxy-server.js";

/** `agent-analytics-mock proxy ...`: exits 2 on a bad command line, 1 when it cannot start. */
export async function runProxyCli(argv: string[]): Promise<void> {
  const parsed = parseProxyArgs(argv);
  if (!parsed.ok) {
    (parsed.help ? console.log : console.error)(parsed.message);
    process.exit(parsed.help ? 0 : 2);
  }
  const { upstream, spec, errors, report, cors, logLevel, logFormat, port, host, fallback } = parsed.options;
  const log = new RequestLog(logLevel, logFormat);
  try {
    const document = spec ? loadDocument(spec) : undefined;
    const mock = fallback === "mock" ? new MockEngine({ cors, ...(document ? { document } : {}) }) : undefined;
    const proxy = await startProxyServer({ upstream, port, host, errors, reportFile: report, cors, log, fallback: mock, ...(document ? { document } : {}) });
    void mock?.warm();
    // One line, parsed by tests and tools: keep its shape.
    console.log(`Proxy listening on ${proxy.url} forwarding to ${upstream}${errors ? " (violations answered with 502)" : ""}`);
    const stop = () => void proxy.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (error) {
    console.error(`agent-analytics-mock proxy: ${(error as Error).message}`);
    process.exit(1);
  }
}
