import { describe, expect, it } from "vitest";
import { stringForPattern } from "./pattern.js";
import { seededRandom } from "./random.js";

describe("stringForPattern", () => {
  it.each([
    "^\\d{4}-(\\d{2}-\\d{2}|W\\d{2}|\\d{2})$",
    "^[A-Za-z0-9_.:-]+$",
    "^run_[0-9A-Z]{10}$",
    "^(?:ab|cd)?x{2,3}$",
    "^\\d{4}-\\d{2}-\\d{2}T00:00:00(\\.0+)?(Z|[+-]00:00)?$",
  ])("generates matches of %s", (pattern) => {
    for (let seed = 0; seed < 50; seed++) {
      const value = stringForPattern(pattern, seededRandom(seed));
      expect(value).toMatch(new RegExp(pattern));
    }
  });

  it.each(["^[^a]+$", "^(a)\\1$", "^a{2"])("declines what it does not understand: %s", (pattern) => {
    expect(stringForPattern(pattern, seededRandom(1))).toBeUndefined();
  });
});
