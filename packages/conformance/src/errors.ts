/** The run could not start: bad options, or a server that cannot be reached. CLI exit code 2. */
export class ConformanceStartError extends Error {
  override name = "ConformanceStartError";
}
