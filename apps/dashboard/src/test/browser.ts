import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

// Debian's Chromium (`apt-get install chromium`); override with CHROMIUM_PATH.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where screenshots go (gitignored). */
export const OUTPUT_DIR = fileURLToPath(new URL("../../test-output/", import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A fresh page (its own storage) that records the page's errors, so a test can require none. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${OUTPUT_DIR}${name}.png`, fullPage: true });
}

/** The figures a grid shows: field, raw value and the text a user reads. */
export function readFigures(page: Page, selector: string): Promise<{ field: string; value: number; text: string }[]> {
  return page.$$eval(`${selector} [data-field]`, (elements) =>
    elements.map((e) => ({
      field: (e as HTMLElement).dataset.field!,
      value: Number((e as HTMLElement).dataset.value),
      text: (e.querySelector("dd") ?? e).textContent!.trim(),
    })),
  );
}
