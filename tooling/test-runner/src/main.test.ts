/** The runner end to end, with a stand-in for turbo that prints what Vitest prints. */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, findDatabase, probe } from "./database.js";
import { main } from "./main.js";

/** A port where nothing listens: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const fakeTurbo = (script: string) => [process.execPath, "-e", script];

describe("agent-analytics-test", () => {
  it("without a database, says the PostgreSQL suites were skipped, how many, and how to run them, and keeps the exit code", async () => {
    let output = "";
    const env = { PATH: process.env.PATH };
    const code = await main(
      fakeTurbo(`console.log("@x/server:test:  Tests  5 passed | 3 skipped (8)"); process.exit(3)`),
      { env, defaultDatabaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/test`, stdout: { write: (t: string) => (output += t) } },
    );
    expect(code).toBe(3);
    expect(output).toMatch(/^PostgreSQL suites: no server at .* \(ECONNREFUSED\) and DATABASE_URL is unset/);
    expect(output).toContain("SKIPPED: 3 test(s): @x/server 3.");
    expect(output.trimEnd().split("\n").at(-1)).toBe("Tests: 5 passed, 0 failed, 3 skipped");
  });

  it("passes DATABASE_URL through to the command when it is set", async () => {
    let output = "";
    const code = await main(fakeTurbo(`console.log("url=" + process.env.DATABASE_URL)`), {
      env: { PATH: process.env.PATH, DATABASE_URL: "postgres://elsewhere/db" },
      stdout: { write: (t: string) => (output += t) },
    });
    expect(code).toBe(0);
    expect(output).toContain("url=postgres://elsewhere/db");
  });

  it("reports an unreachable server as such", async () => {
    const found = await probe(`postgres://postgres@127.0.0.1:${await closedPort()}/test`);
    expect(found).toEqual({ ok: false, reason: "ECONNREFUSED" });
  });
});

// A PostgreSQL test like the others: it runs whenever the runner found a server (it sets DATABASE_URL).
describe.runIf(process.env.DATABASE_URL)("with PostgreSQL", () => {
  it("finds the server at DATABASE_URL, and at the default address when DATABASE_URL is unset", async () => {
    expect(await probe(process.env.DATABASE_URL!)).toEqual({ ok: true });
    const local = await findDatabase({}, process.env.DATABASE_URL);
    expect(local).toEqual({ url: process.env.DATABASE_URL, source: "local server" });
    expect(DEFAULT_DATABASE_URL).toBe("postgres://postgres@127.0.0.1:5432/test");
  });
});
