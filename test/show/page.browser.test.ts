// The page as people use it: keyboard, visible focus, WCAG AA contrast, 320 px wide, print, and the repair's two tabs.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type Browser } from "./browser.js";
import { lintFile } from "../../src/engine/index.js";
import { html } from "../../src/report/index.js";
import { fixtureFiles } from "./fixture-list.js";
import { ARTIFACTS, writePage } from "./pages.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => browser?.close());

const KILLED = "fixtures/codex/real-killed-mid-tool.jsonl";
const PARALLEL = "fixtures/claude-code/real-parallel-calls.jsonl";
const BRIDGED = "fixtures/claude-code/dangling-parent-bridged.jsonl";

async function drawEverything(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.dispatchEvent(new Event("beforeprint"));
    document.querySelectorAll(".panel").forEach((panel) => ((panel as HTMLElement).hidden = false));
  });
}

/** Text whose colour against the background behind it is under 4.5:1 (WCAG AA for normal text). */
async function lowContrastText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgba = (css: string) => {
      const parts = (/rgba?\(([^)]+)\)/.exec(css)?.[1] ?? "0,0,0,0").split(",").map(Number);
      return { r: parts[0] ?? 0, g: parts[1] ?? 0, b: parts[2] ?? 0, a: parts[3] ?? 1 };
    };
    const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null) => {
      for (; el; el = el.parentElement) {
        const colour = rgba(getComputedStyle(el).backgroundColor);
        if (colour.a > 0) return colour;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const failures: string[] = [];
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const hasText = Array.from(el.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      if (!hasText || el.getClientRects().length === 0 || el.closest("noscript, script, style")) continue;
      const fg = luminance(rgba(getComputedStyle(el).color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) failures.push(`${el.tagName.toLowerCase()}.${el.className}: ${ratio.toFixed(2)} "${el.textContent?.trim().slice(0, 40)}"`);
    }
    return failures;
  });
}

describe("reading the page", () => {
  it.each([KILLED, PARALLEL, BRIDGED])("every text of %s passes WCAG AA contrast, with the tree and both tabs drawn", async (fixture) => {
    const { url } = writePage(fixture, { fix: true });
    const { page } = await browser.open(url);
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    await drawEverything(page);
    await page.keyboard.press("n"); // a current finding has its own look: check it too
    expect(await lowContrastText(page)).toEqual([]);
    await page.close();
  });

  it.each([KILLED, PARALLEL])("%s fits 320 px without scrolling sideways", async (fixture) => {
    const { url, name } = writePage(fixture, { fix: true });
    const { page } = await browser.open(url, { width: 320, height: 640 });
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    await drawEverything(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-320px.png`), fullPage: true });
    await page.close();
  });

  it("prints every entry and both sides of the repair, without the toolbar", async () => {
    const { url } = writePage(KILLED, { fix: true });
    const { page } = await browser.open(url);
    await page.emulateMedia({ media: "print" });
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    expect(await page.locator(".toolbar").isVisible()).toBe(false);
    expect(await page.locator("#s0-after").isVisible()).toBe(true);
    expect(await page.locator(".chunk:empty").count()).toBe(0);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    await page.close();
  });
});

describe("the Claude Code tree", () => {
  it("marks the resumed chain and names the bridged link when it is opened", async () => {
    const { url, view } = writePage(BRIDGED);
    const { page } = await browser.open(url);
    await page.locator("details.tree-panel summary").press("Enter");
    const rows = page.locator(".tree [role=listitem]");
    await expect.poll(() => rows.count()).toBe(view.tree?.length);
    expect(await page.locator(".tree .st-resumed").count()).toBe(view.tree?.filter((row) => row.state === "resumed").length);
    expect(await page.locator(".tree .link").allTextContents()).toEqual(['parentUuid "gone-uuid" names no record: Claude Code bridges it to line 3']);
    await page.close();
  });
});

describe("long texts", () => {
  it("folds a long output behind a summary that says how long it is, and says where it was cut", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i} of a long listing`);
    const body = { input: [{ type: "function_call", call_id: "call_long", name: "ls", arguments: "{}" }, { type: "function_call_output", call_id: "call_long", output: lines.join("\n") }] };
    const file = join(ARTIFACTS, "long-output.json");
    writeFileSync(file, JSON.stringify(body, null, 2));
    const { url, view } = writePage(file);
    const output = view.timeline.entries.find((e) => e.kind === "output");
    expect(output?.fullLength).toBe(lines.join("\n").length);
    const { page } = await browser.open(url);
    const fold = page.locator(".k-output details summary");
    expect(await fold.textContent()).toMatch(/^Show all [\d,]+ lines \([\d,]+ characters\)$/);
    expect(await page.locator(".k-output .cut").textContent()).toBe(`Cut here for the page: the file holds ${(lines.join("\n").length - 20_000).toLocaleString("en")} more characters of it (${lines.join("\n").length.toLocaleString("en")} in all).`);
    await page.close();
  });
});

describe("the keyboard", () => {
  it("shows where focus is: the skip link, the search, the buttons and each finding reached with n", async () => {
    const { url } = writePage(KILLED, { fix: true });
    const { page } = await browser.open(url);
    const focus = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent?.trim().slice(0, 20), outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 };
    });
    const seen = [];
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press("Tab");
      seen.push(await focus());
    }
    expect(seen.map((s) => s.tag)).toEqual(["a", "input", "button", "button", "button"]);
    expect(seen.every((s) => s.outline)).toBe(true);
    await page.locator("main").focus();
    await page.keyboard.press("n");
    expect(await focus()).toMatchObject({ id: "s0-before-f0", outline: true });
    await page.close();
  });

  it("searches with / and Enter, and marks what matched", async () => {
    const { url } = writePage(KILLED);
    const { page } = await browser.open(url);
    await page.keyboard.press("/");
    await page.keyboard.type("sleep 30");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#status").textContent()).toBe("Match 1 of 1");
    expect(await page.locator(".entry.current mark").first().textContent()).toBe("sleep 30");
    await page.close();
  });

  it("steps from entry to entry with j and k", async () => {
    const { url, view } = writePage(PARALLEL);
    const { page } = await browser.open(url);
    const order = view.timeline.rows.flatMap((row) => (row.type === "entry" ? [row.entry] : row.type === "calls" ? row.pairs.flatMap((p) => [p.call, ...p.outputs]) : []));
    const focused = () => page.evaluate(() => document.activeElement?.id);
    for (const n of order) {
      await page.keyboard.press("j");
      expect(await focused()).toBe(`s0-before-e${n}`);
    }
    await page.keyboard.press("k");
    expect(await focused()).toBe(`s0-before-e${order[order.length - 2]}`);
    await page.close();
  });

  it("switches to the repair with the arrow keys and shows what it adds", async () => {
    const { url, name } = writePage(KILLED, { fix: true });
    const { page } = await browser.open(url);
    await page.locator("#s0-tab-before").focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.locator("#s0-tab-after").getAttribute("aria-selected")).toBe("true");
    expect(await page.locator("#s0-before").isVisible()).toBe(false);
    const added = page.locator("#s0-after .change-added");
    await expect.poll(() => added.count()).toBe(1);
    expect(await added.locator("xpath=ancestor::article").getAttribute("class")).toContain("k-output");
    await page.locator("#s0-after").screenshot({ path: join(ARTIFACTS, `${name}-after.png`) });
    await page.close();
  });
});

describe("lint --format html", () => {
  it("steps with n through the findings of every file, section after section", async () => {
    const files = fixtureFiles().filter((file) => file.startsWith("fixtures/read/") && !file.includes(".fixed."));
    const results = files.map((file) => lintFile(file));
    const path = join(ARTIFACTS, "lint-read-fixtures.html");
    writeFileSync(path, html(results, { sourceOf: (filePath) => ({ path: filePath }), version: "0.0.0-test" }));
    const { page, errors, requests } = await browser.open(pathToFileURL(path).href);
    const sections: string[] = [];
    const total = results.reduce((n, result) => n + result.messages.length, 0);
    expect(total).toBeGreaterThan(files.length);
    for (let i = 0; i < total; i += 1) {
      await page.keyboard.press("n");
      sections.push(await page.evaluate(() => document.activeElement?.closest("section")?.id ?? ""));
    }
    const expected = results.flatMap((result, s) => result.messages.map(() => `s${s}`));
    expect(sections).toEqual(expected);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, "lint-read-fixtures.png") });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
