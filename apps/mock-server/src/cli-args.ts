import { parseDelay } from "./http/prefer.js";
import { DEFAULT_HOST, DEFAULT_PORT, type MockOptions } from "./options.js";

export const USAGE = `Usage: agent-analytics-mock [options]

  -p, --port <n>        port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  -h, --host <host>     interface to bind (default ${DEFAULT_HOST})
  -s, --seed <seed>     base seed of generated data (default 0)
      --spec <file>     serve this OpenAPI document (JSON or YAML) instead of the merged contract
  -d, --dynamic         generated, coherent responses (the default)
      --static          serve the contract's examples instead
      --delay <ms>      latency per response: 200, or a range 100-500
      --fail-rate <r>   share of requests answered with an injected 500 or 429 (0..1)
      --now <date>      the mock's "today" (YYYY-MM-DD); the current UTC day by default
      --no-cors         do not send CORS headers
      --cache <n>       generated bodies kept for repeated requests (default 2000, 0 = off)
      --world-days <n>  days of simulated history before today (default 90)
      --world-scale <x> size of the simulated organisation: users and activity (default 1)
      --help            show this help`;

export type CliParse = { ok: true; options: MockOptions & { spec?: string } } | { ok: false; message: string; help?: boolean };

export function parseCliArgs(argv: string[]): CliParse {
  const options: MockOptions & { spec?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--help":
        return { ok: false, message: USAGE, help: true };
      case "-p":
      case "--port": {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: "--port needs a port number" };
        options.port = port;
        break;
      }
      case "-h":
      case "--host":
        options.host = value();
        if (!options.host) return { ok: false, message: "--host needs a value" };
        break;
      case "-s":
      case "--seed":
        options.seed = value();
        if (!options.seed) return { ok: false, message: "--seed needs a value" };
        break;
      case "--spec":
        options.spec = value();
        if (!options.spec) return { ok: false, message: "--spec needs a file" };
        break;
      case "-d":
      case "--dynamic":
        options.dynamic = true;
        break;
      case "--static":
        options.dynamic = false;
        break;
      case "--delay": {
        const delay = parseDelay(value() ?? "");
        if (!delay) return { ok: false, message: "--delay needs milliseconds (200) or a range (100-500)" };
        options.delay = delay;
        break;
      }
      case "--fail-rate": {
        const rate = Number(value());
        if (!(rate >= 0 && rate <= 1)) return { ok: false, message: "--fail-rate needs a number in [0, 1]" };
        options.failRate = rate;
        break;
      }
      case "--now": {
        const text = value() ?? "";
        const ms = Date.parse(text);
        if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(ms)) return { ok: false, message: "--now needs a date (YYYY-MM-DD)" };
        options.now = ms;
        break;
      }
      case "--cache": {
        const size = Number(value());
        if (!Number.isInteger(size) || size < 0) return { ok: false, message: "--cache needs a count (0 turns it off)" };
        options.cacheSize = size;
        break;
      }
      case "--world-days": {
        const days = Number(value());
        if (!Number.isInteger(days) || days < 1 || days > 3660) return { ok: false, message: "--world-days needs a number of days (1 to 3660)" };
        options.worldDays = days;
        break;
      }
      case "--world-scale": {
        const scale = Number(value());
        if (!(scale > 0 && scale <= 100)) return { ok: false, message: "--world-scale needs a number above 0 (at most 100)" };
        options.worldScale = scale;
        break;
      }
      case "--no-cors":
        options.cors = false;
        break;
      default:
        return { ok: false, message: `unknown option ${arg}\n\n${USAGE}` };
    }
  }
  return { ok: true, options };
}
