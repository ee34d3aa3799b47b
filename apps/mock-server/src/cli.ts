import { parseCliArgs } from "./cli-args.js";
import { loadDocument } from "./load-document.js";
import { RequestLog } from "./log/request-log.js";
import { startMockServer } from "./server.js";
import { worldBanner } from "./world/banner.js";

const argv = process.argv.slice(2);
if (argv[0] === "proxy") {
  const { runProxyCli } = await import("./proxy/proxy-cli.js");
  await runProxyCli(argv.slice(1));
} else {
  await runMock(argv);
}

async function runMock(args: string[]): Promise<void> {
  const parsed = parseCliArgs(args);
  if (!parsed.ok) {
    (parsed.help ? console.log : console.error)(parsed.message);
    process.exit(parsed.help ? 0 : 2);
  }
  const { spec, logLevel, logFormat, ...options } = parsed.options;
  const log = new RequestLog(logLevel, logFormat);
  try {
    const mock = await startMockServer({ ...options, log, ...(spec ? { document: loadDocument(spec) } : {}) });
    // One line, parsed by tests and tools: keep its shape.
    console.log(`Mock server listening on ${mock.url}`);
    process.stdout.write(worldBanner(mock.url, mock.engine.world.summary()));
    const stop = () => void mock.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (error) {
    console.error(`agent-analytics-mock: ${(error as Error).message}`);
    process.exit(1);
  }
}
