import { fileURLToPath } from "node:url";
import { MOCK_KEY, parseCliArgs } from "./cli-args.js";
import { startDashboardServer } from "./serve.js";
import { startMockProcess, type StartedMock } from "./upstream.js";

const parsed = parseCliArgs(process.argv.slice(2));
if (!parsed.ok) {
  (parsed.help ? console.log : console.error)(parsed.message);
  process.exit(parsed.help ? 0 : 2);
}
const { options } = parsed;
const distDir = fileURLToPath(new URL("../../dist", import.meta.url));

let mock: StartedMock | undefined;
if (options.apiUrl === undefined) mock = await startMockProcess(options.mockArgs);
const upstream = options.apiUrl ?? mock!.url;
const apiKey = options.apiKey ?? (mock ? MOCK_KEY : undefined);

let server;
try {
  server = await startDashboardServer({ port: options.port, host: options.host, distDir, upstream, apiKey, mock: mock !== undefined });
} catch (error) {
  await mock?.stop();
  console.error(`cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`);
  process.exit(1);
}

console.log(mock ? `Showing the mock server at ${upstream} (key ${apiKey})` : `Showing ${upstream}${apiKey ? "" : " (enter its API key in the page)"}`);
console.log(`Dashboard listening on ${server.url}`);

// The mock is this process's child: it stops with it.
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  await mock?.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
