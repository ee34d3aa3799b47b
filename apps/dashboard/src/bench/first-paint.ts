import type { Browser } from "playwright-core";

export interface PaintSample {
  /** Navigation start to the overview's figures on screen (the app's `dashboard:overview-ready` mark). */
  meaningfulMs: number;
  /** Navigation start to the first contentful paint (the static "loading" line). */
  contentfulMs: number;
}

/**
 * One cold load of the main view (a fresh browser context: empty cache and storage), timed by the
 * page's own clock, so the test's overhead is not counted.
 */
export async function loadOverview(browser: Browser, url: string): Promise<PaintSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName("dashboard:overview-ready").length > 0, undefined, { timeout: 30_000 });
    return await page.evaluate(() => ({
      meaningfulMs: performance.getEntriesByName("dashboard:overview-ready")[0]!.startTime,
      contentfulMs: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
    }));
  } finally {
    await context.close();
  }
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
