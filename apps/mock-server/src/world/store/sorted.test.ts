import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { insertSorted, mergedPage } from "./sorted.js";

const byValue = (a: number, b: number) => a - b;
const sortedList = fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 200 }).map((l) => l.sort(byValue));

describe("sorted lists", () => {
  it("a page of merged lists is the page of their concatenation, sorted", () => {
    fc.assert(
      fc.property(fc.array(sortedList, { minLength: 1, maxLength: 3 }), fc.nat(500), fc.integer({ min: 1, max: 100 }), (lists, offset, limit) => {
        const all = lists.flat().sort(byValue);
        expect(mergedPage(lists, byValue, offset, limit)).toEqual(all.slice(offset, offset + limit));
      }),
      { numRuns: 300 },
    );
  });

  it("inserting keeps a list sorted, one item or many at a time", () => {
    fc.assert(
      fc.property(sortedList, fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 80 }), (list, items) => {
        const expected = [...list, ...items].sort(byValue);
        insertSorted(list, items, byValue);
        expect(list).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
