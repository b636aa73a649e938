// A 10,000-record rollout: the page is ready within a small multiple of linting the same file, draws only what is
// on screen, and jumps to a far finding at once.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { lintFile } from "../../src/engine/index.js";
import { renderPage, sessionView } from "../../src/show/index.js";
import { launchBrowser, type Browser } from "./browser.js";
import { ARTIFACTS, largeRollout } from "./pages.js";

const RECORDS = 10_000;
/** The page's load against lint's time: measured near 2 on an idle machine; the bound leaves room for a busy one. */
const MAX_LOAD_TO_LINT = 8;

let browser: Browser;
let folder: string;
beforeAll(async () => {
  browser = await launchBrowser();
  folder = mkdtempSync(join(tmpdir(), "histlint-show-large-"));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The fastest of a few runs: the least disturbed by whatever else the machine is doing. */
async function fastest(runs: number, measure: () => Promise<number> | number): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i += 1) best = Math.min(best, await measure());
  return best;
}

it("loads a 10,000-record session within a small multiple of linting it", async () => {
  const file = join(folder, "rollout-large.jsonl");
  writeFileSync(file, largeRollout(RECORDS, 250));
  const result = lintFile(file);
  expect(result.messages.length).toBe(10); // one call in 250 of the 2,500 turns has no output
  const page = join(folder, "large.html");
  writeFileSync(page, renderPage([sessionView(result, readFileSync(file))]));
  const lintMs = await fastest(3, () => {
    const start = performance.now();
    lintFile(file);
    return performance.now() - start;
  });
  let opened = await browser.open(pathToFileURL(page).href);
  const loadMs = await fastest(3, async () => {
    await opened.page.close();
    opened = await browser.open(pathToFileURL(page).href);
    return opened.page.evaluate(() => (window as unknown as { histlintReadyMs: number }).histlintReadyMs);
  });
  console.log(`10,000 records: lint ${lintMs.toFixed(0)} ms, page ready ${loadMs.toFixed(0)} ms, ratio ${(loadMs / lintMs).toFixed(2)}`);
  expect(loadMs / lintMs).toBeLessThan(MAX_LOAD_TO_LINT);

  const { page: view, errors, requests } = opened;
  // Only the chunks near the screen are drawn: a few hundred elements, not one for each of 10,000 records.
  expect(await view.locator(".entry").count()).toBeLessThan(400);
  // The last finding is a key press away (p wraps to it from the top), drawn and on screen.
  const start = Date.now();
  await view.keyboard.press("p");
  const last = await view.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const box = el.getBoundingClientRect();
    return { id: el.id, onScreen: box.top >= 0 && box.bottom <= window.innerHeight };
  });
  const jumpMs = Date.now() - start;
  expect(last).toEqual({ id: "s0-before-f9", onScreen: true });
  expect(jumpMs).toBeLessThan(lintMs * MAX_LOAD_TO_LINT);
  mkdirSync(ARTIFACTS, { recursive: true });
  await view.screenshot({ path: join(ARTIFACTS, "large-session-last-finding.png") });
  expect(errors).toEqual([]);
  expect(requests).toEqual([]);
}, 120_000);
