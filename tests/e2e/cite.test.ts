import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const SLUG = "second-east-turkistan-republic";
const READER = `${baseUrl}/documents/${SLUG}`;
const artifacts = path.resolve(__dirname, "../artifacts");

let browser: Browser;
let context: BrowserContext;
let text: string;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  text = (await (await fetch(`${baseUrl}/api/documents/${SLUG}`)).json()).text;
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function openReader(url = READER): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  await page.waitForSelector("html[data-cite-ready]");
  return page;
}

/** The text of each range of a CSS highlight, as the page sees it. */
const highlighted = (page: Page, name = "gloss-cited") =>
  page.evaluate((key) => {
    const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(key);
    return highlight ? [...highlight].map((range) => range.toString()) : [];
  }, name);

/**
 * Selects `words` whole words of the `index`th plain paragraph, starting at its `skip`th word,
 * with the browser's selection; returns their offsets in the plain text and the words.
 */
async function selectWords(page: Page, index: number, skip: number, words: number) {
  return page.evaluate(
    ([n, s, w]) => {
      const element = document.querySelectorAll<HTMLElement>("#text p.passage > .passage-text")[n];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      const whole = nodes.map((node) => node.data).join("");
      const matches = [...whole.matchAll(/\S+/g)];
      const from = matches[s].index!;
      const last = matches[s + w - 1];
      const to = last.index! + last[0].replace(/[.,;:]$/, "").length;
      const point = (offset: number): [Text, number] => {
        let at = 0;
        for (const node of nodes) {
          if (offset <= at + node.data.length) return [node, offset - at];
          at += node.data.length;
        }
        throw new Error("offset outside the passage");
      };
      const range = document.createRange();
      range.setStart(...point(from));
      range.setEnd(...point(to));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      const base = Number(element.dataset.start);
      return { start: base + from, end: base + to, exact: selection.toString() };
    },
    [index, skip, words] as const,
  );
}

describe("citing a passage from its margin", () => {
  it("opens the Cite popover from the keyboard, copies the Chicago citation and confirms it", async () => {
    const page = await openReader();
    const button = page.locator("#text p.passage").nth(1).locator("button[data-cite-passage]");
    const label = await page.locator("#text p.passage").nth(1).getAttribute("data-label");
    expect(await button.getAttribute("aria-label")).toBe(`Cite ${label}`);
    await button.focus();
    expect(await button.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("solid");
    await page.keyboard.press("Enter");

    const dialog = page.getByRole("dialog", { name: `Cite ${label}` });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest("[role=dialog]") !== null)).toBe(true);
    const citation = dialog.locator("[data-citation]");
    await expect.poll(() => citation.textContent()).toMatch(new RegExp(`^“\\[Second East Turkistan Republic\\],” ${label}, accessed `));
    await dialog.getByRole("button", { name: "Copy citation" }).click();
    await expect.poll(() => dialog.getByRole("status").textContent()).toBe("Citation copied.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await citation.textContent());
    const permalink = await dialog.locator("[data-permalink]").inputValue();
    expect(permalink).toBe(`${READER}#${await page.locator("#text p.passage").nth(1).getAttribute("id")}`);

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, "cite-popover.png") });

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-cite-passage"))).toBe(
      await button.getAttribute("data-cite-passage"),
    );
    await page.close();
  });

  it("switches between the formats", async () => {
    const page = await openReader();
    await page.locator("#text p.passage").nth(3).hover();
    await page.locator("#text p.passage").nth(3).locator("button[data-cite-passage]").click();
    const dialog = page.getByRole("dialog");
    const citation = dialog.locator("[data-citation]");
    await expect.poll(() => citation.textContent()).toContain("accessed");
    const expectations: Array<[string, RegExp]> = [
      ["MLA", /Accessed \d{1,2} [A-Z][a-z]+\.? \d{4}\.\n\(\[Second East Turkistan Republic\], (§\d+ )?¶\d+\)$/],
      ["APA", /\(n\.d\.\)\. Retrieved .*\n\(\[Second East Turkistan Republic\], n\.d\., (§\d+ )?¶\d+\)$/],
      ["BibTeX", /^@misc\{second_east_turkistan_republic,/],
      ["RIS", /^TY {2}- ELEC\n/],
      ["CSL-JSON", /^\[\n {2}\{\n {4}"id": "second-east-turkistan-republic"/],
    ];
    for (const [name, pattern] of expectations) {
      await dialog.getByRole("radio", { name, exact: true }).check();
      await expect.poll(() => citation.textContent(), { message: name }).toMatch(pattern);
    }
    await page.close();
  });
});

describe("citing selected words", () => {
  it("copies a selection's citation and lands its permalink exactly on those words", async () => {
    const page = await openReader();
    const selected = await selectWords(page, 6, 3, 7);
    expect(selected.exact).toBe(text.slice(selected.start, selected.end));
    // The selection toolbar's Cite button (offered signed out too) opens the popover for the words.
    await page.evaluate(() => document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true })));
    await page.getByRole("toolbar", { name: "Annotate the selected words" }).getByRole("button", { name: "Cite" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator("blockquote").getByText(selected.exact).waitFor();
    await dialog.getByRole("radio", { name: "MLA", exact: true }).check();
    const citation = dialog.locator("[data-citation]");
    await expect.poll(() => citation.textContent()).toMatch(/Accessed .*\n\(\[Second East Turkistan Republic\], §?\d* ?¶\d+\)$/);
    await dialog.getByRole("button", { name: "Copy citation" }).click();
    await expect.poll(() => dialog.getByRole("status").textContent()).toBe("Citation copied.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await citation.textContent());

    const permalink = await dialog.locator("[data-permalink]").inputValue();
    expect(new URL(permalink).searchParams.get("quote")).toBe(selected.exact);
    expect(await citation.textContent()).toContain(permalink);

    await dialog.getByRole("button", { name: "Copy as quotation" }).click();
    await expect.poll(() => dialog.getByRole("status").textContent()).toBe("Quotation copied.");
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    expect(markdown.startsWith(`“${selected.exact}” ([\\[Second East Turkistan Republic\\], `)).toBe(true);
    expect(markdown.endsWith(`](${permalink}))`)).toBe(true);
    const html = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return item.types.includes("text/html") ? (await item.getType("text/html")).text() : "";
    });
    expect(html).toContain(`“${selected.exact}” (<a href="${permalink.replace(/&/g, "&amp;")}">`);
    const fragmentLink = await dialog.locator("[data-text-fragment]").inputValue();

    // Open the permalink in a new page: exactly the words are highlighted, and in view.
    const landed = await openReader(permalink);
    await expect.poll(() => highlighted(landed)).toEqual([selected.exact]);
    const inView = await landed.evaluate(() => {
      const [range] = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get("gloss-cited")!;
      const rect = range.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await landed.screenshot({ path: path.join(artifacts, "cite-permalink.png") });
    await landed.close();

    // The text-fragment form lands on the same words.
    const viaFragment = await openReader(fragmentLink);
    await expect.poll(() => highlighted(viaFragment)).toEqual([selected.exact]);
    await viaFragment.close();
    await page.close();
  });

  it("cites words across two passages with a range locator, and highlights both parts", async () => {
    const page = await openReader();
    const passages = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("#text p.passage")].slice(8, 10).map((p) => ({ id: p.id, label: p.dataset.label })),
    );
    const first = await page.evaluate((id) => {
      const el = document.getElementById(id)!.querySelector<HTMLElement>(".passage-text")!;
      return { start: Number(el.dataset.start), end: Number(el.dataset.end) };
    }, passages[0].id);
    const second = await page.evaluate((id) => {
      const el = document.getElementById(id)!.querySelector<HTMLElement>(".passage-text")!;
      return { start: Number(el.dataset.start), end: Number(el.dataset.end) };
    }, passages[1].id);
    const start = text.lastIndexOf(" ", first.end - 20) + 1;
    const end = text.indexOf(" ", second.start + 15);
    await page.evaluate((detail) => document.dispatchEvent(new CustomEvent("gloss:cite", { detail })), { start, end });
    const dialog = page.getByRole("dialog");
    const [a, b] = passages.map((p) => p.label!);
    const expected =
      a.split(" ")[0] === b.split(" ")[0] && a.includes("¶") ? `${a.split(" ")[0]} ¶¶${a.split("¶")[1]}–${b.split("¶")[1]}` : `${a}–${b}`;
    await dialog.getByRole("heading", { name: `Cite ${expected}` }).waitFor();
    const permalink = await dialog.locator("[data-permalink]").inputValue();
    const landed = await openReader(permalink);
    await expect.poll(() => highlighted(landed)).toEqual([text.slice(start, first.end), text.slice(second.start, end)]);
    await landed.close();
    await page.close();
  });
});

describe("permalinks after the text changed", () => {
  it("finds words that moved by their quote", async () => {
    const exact = text.slice(text.indexOf("short-lived state"), text.indexOf("short-lived state") + "short-lived state".length);
    const page = await openReader(`${READER}?quote=${encodeURIComponent(exact)}&start=5&end=22`);
    await expect.poll(() => highlighted(page)).toEqual([exact]);
    expect(await page.locator(".cite-notice").count()).toBe(0);
    await page.close();
  });

  it("says plainly when a quote link's words are gone, and highlights nothing", async () => {
    const gone = "words that were never in this text";
    const page = await openReader(`${READER}?quote=${encodeURIComponent(gone)}&start=120&end=154`);
    const notice = page.getByRole("status").filter({ hasText: "not in the current text" });
    await expect.poll(() => notice.textContent()).toContain(`“${gone}”`);
    expect(await highlighted(page)).toEqual([]);
    expect(await page.locator(".passage[data-cited]").count()).toBe(0);
    await page.close();
  });

  it("says so for a text fragment whose words are gone", async () => {
    const page = await openReader(`${READER}#:~:text=${encodeURIComponent("no such words in the text").replace(/-/g, "%2D")}`);
    await page.locator("[data-cite-notice]").waitFor();
    expect(await page.locator("[data-cite-notice]").textContent()).toContain("not in the current text");
    expect(await highlighted(page)).toEqual([]);
    await page.close();
  });

  it("says so for a passage link whose passage is gone", async () => {
    const page = await openReader(`${READER}#p-00000000`);
    await page.locator("[data-cite-notice]").waitFor();
    expect(await page.locator("[data-cite-notice]").textContent()).toContain("passage this link points to");
    await page.close();
  });

  it("marks the cited passage without JavaScript and states a gone quote", async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    const exact = "short-lived state";
    await page.goto(`${READER}?quote=${encodeURIComponent(exact)}`);
    expect(await page.locator(".passage[data-cited] .passage-text").first().textContent()).toContain(exact);
    await page.goto(`${READER}?quote=${encodeURIComponent("never written here")}`);
    expect(await page.locator("#cite-notice").textContent()).toContain("“never written here”");
    expect(await page.locator("button[data-cite-passage]").first().isVisible()).toBe(false);
    await noScript.close();
  });
});
