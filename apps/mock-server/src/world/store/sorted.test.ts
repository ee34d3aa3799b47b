import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergedPage, SortedList } from "./sorted.js";

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

  it("a sorted list reads sorted after any additions and reads in between", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 40 }), fc.boolean()), { maxLength: 8 }), (steps) => {
        const list = new SortedList(byValue);
        const all: number[] = [];
        for (const [items, read] of steps) {
          list.add(items);
          all.push(...items);
          expect(list.length).toBe(all.length);
          if (read) expect(list.items).toEqual([...all].sort(byValue));
        }
        expect(list.items).toEqual(all.sort(byValue));
      }),
      { numRuns: 300 },
    );
  });
});
