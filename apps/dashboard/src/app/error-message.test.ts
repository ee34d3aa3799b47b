import { ApiError, NetworkError, UnexpectedResponseError, type ClientError } from "@agent-analytics/client";
import { describe, expect, it } from "vitest";
import { describeError } from "./error-message.js";

const response = new Response(null);
const api = (status: number, message: string, retryAfterMs?: number) =>
  new ApiError("getAgentStats", "agents", 1, status as never, { success: false, error: "x", message } as never, "x", message, response, retryAfterMs) as ClientError;

describe("describeError", () => {
  it.each([
    [api(401, "bad key"), "The server did not accept the API key. Check the key in Settings.", false],
    [api(403, "admins only"), "This key may not see these figures (organisation-wide figures need an admin key).", false],
    [api(404, "no agent"), "Not found: the organisation has no such item.", false],
    [api(400, "limit"), "The server refused the request's parameters.", false],
    [api(429, "slow down", 2500), "The server is busy (too many requests). Try again in 3 s.", true],
    [api(429, "slow down", 200), "The server is busy (too many requests). Try again in 1 s.", true],
    [api(500, "boom"), "The server failed to answer (HTTP 500).", true],
    [new UnexpectedResponseError("getAgentStats", "agents", 1, 502, "unreachable", response, undefined, "HTTP 502") as ClientError, "The dashboard cannot reach the server.", true],
    [new NetworkError("getAgentStats", "agents", 1, new TypeError("fetch failed")) as ClientError, "The dashboard cannot reach the server.", true],
  ])("%s", (error, title, transient) => {
    const message = describeError(error);
    expect(message.title).toBe(title);
    expect(message.transient).toBe(transient);
  });

  it("keeps what the server said as the detail", () => {
    expect(describeError(api(500, "the database is down")).detail).toBe("the database is down");
  });
});
