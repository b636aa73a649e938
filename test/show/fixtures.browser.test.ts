// Every bundled fixture's page in a real browser: no console error, no request, each finding beside its entry, the client's changes marked.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Timeline, ViewFinding } from "../../src/show/index.js";
import { launchBrowser, type Browser } from "./browser.js";
import { fixtureFiles } from "./fixture-list.js";
import { ARTIFACTS, writePage } from "./pages.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);
afterAll(async () => browser?.close());

const broken = (file: string) => !file.includes(".fixed.");

/** The findings as the page lists them: by entry down the timeline. */
function inPageOrder(timeline: Timeline): ViewFinding[] {
  const entries = timeline.rows.flatMap((row) => (row.type === "entry" ? [row.entry] : row.type === "calls" ? row.pairs.flatMap((p) => [p.call, ...p.outputs]) : []));
  return entries.flatMap((n) => (timeline.entries[n]?.findings ?? []).map((f) => timeline.findings[f] as ViewFinding));
}

describe("the page of each fixture", () => {
  it.each(fixtureFiles().filter(broken))("%s", async (fixture) => {
    const { view, url, name } = writePage(fixture, { fix: true });
    const { page, errors, requests } = await browser.open(url);
    try {
      // Each finding, reached with the n key, is focused inside the entry the view pins it to, on screen.
      for (const finding of inPageOrder(view.timeline)) {
        await page.keyboard.press("n");
        const focused = await page.evaluate(() => {
          const active = document.activeElement as HTMLElement;
          const box = active.getBoundingClientRect();
          return { id: active.id, entry: active.closest(".entry")?.id, onScreen: box.top >= 0 && box.bottom <= window.innerHeight + 1, text: active.textContent };
        });
        expect(focused.id).toBe(`s0-before-f${finding.n}`);
        expect(focused.entry).toBe(`s0-before-e${finding.entry}`);
        expect(focused.onScreen).toBe(true);
        expect(focused.text).toContain(finding.ruleId);
      }
      // What the client leaves out, replaces or adds is marked on every such entry.
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      for (const fate of ["dropped", "replaced", "inserted", "skipped", "superseded"] as const) {
        const expected = view.timeline.entries.filter((e) => e.fate === fate).length;
        expect(await page.locator(`#s0-before .fate-${fate} > .fate`).count(), fate).toBe(expected);
      }
      await page.evaluate(() => {
        document.querySelectorAll("details.tree-panel").forEach((d) => ((d as HTMLDetailsElement).open = true));
        window.scrollTo(0, 0);
      });
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
