import { describe, expect, it } from "vitest";
import { reasonOf, RequestLog, type LogFormat, type LogLevel } from "./request-log.js";

function lines(level: LogLevel, format: LogFormat, use: (log: RequestLog) => void): string[] {
  const out: string[] = [];
  const log = new RequestLog(level, format, { write: (text) => out.push(text) });
  use(log);
  log.flush();
  return out.join("").split("\n").filter(Boolean);
}

const requestAndViolation = (log: RequestLog) => {
  log.request({ method: "GET", path: "/metrics", status: 422, ms: 3.14159, reason: "limit must be\n an integer" });
  log.violation({ operation: "get_metrics", check: "response-schema", pointer: "/0/total", message: "must be integer" });
};

describe("the request log", () => {
  it.each([
    ["info", "text", ["GET /metrics 422 3.1ms - limit must be an integer", "violation get_metrics response-schema /0/total - must be integer"]],
    ["warn", "text", ["violation get_metrics response-schema /0/total - must be integer"]],
    ["silent", "text", []],
  ] as const)("at %s in %s", (level, format, expected) => {
    expect(lines(level, format, requestAndViolation)).toEqual(expected);
  });

  it("writes JSON lines with every field", () => {
    const [request, violation] = lines("info", "json", requestAndViolation).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(request).toMatchObject({ level: "info", msg: "request", method: "GET", path: "/metrics", status: 422, ms: 3.1, reason: "limit must be\n an integer" });
    expect(violation).toMatchObject({ level: "warn", msg: "violation", operation: "get_metrics", check: "response-schema", pointer: "/0/total" });
    expect(typeof request!.time).toBe("string");
  });

  it.each([
    [422, { detail: "bad" }, "bad"],
    [404, { success: false, error: "not_found", message: "Agent not found." }, "Agent not found."],
    [400, { success: false, error: { code: "bad_request", message: "period" } }, "period"],
    [200, { message: "ok" }, undefined],
    [500, { detail: "x" }, undefined],
  ])("the reason of a %d", (status, body, reason) => {
    expect(reasonOf(status, body)).toBe(reason);
  });
});
