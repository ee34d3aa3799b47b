import { parseCliArgs } from "./cli-args.js";
import { loadDocument } from "./load-document.js";
import { startMockServer } from "./server.js";
import { worldBanner } from "./world/banner.js";

const parsed = parseCliArgs(process.argv.slice(2));
if (!parsed.ok) {
  (parsed.help ? console.log : console.error)(parsed.message);
  process.exit(parsed.help ? 0 : 2);
}
const { spec, ...options } = parsed.options;
try {
  const mock = await startMockServer({ ...options, ...(spec ? { document: loadDocument(spec) } : {}) });
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
