import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EDITION_SLUG } from "../support/edition";
import { launchBrowser } from "./browser";
import { signUpAndOpen } from "./reader-actions";
import { removeAccounts } from "./shared-edition";

// Selecting words in the reader as people do: with the mouse from anywhere in the text (names
// included), by touch, and from the keyboard; and where focus goes when a form of the selection
// toolbar or a note's action is done.

const baseUrl = inject("baseUrl");
const READER_PATH = `/documents/${EDITION_SLUG}`;
const READER = `${baseUrl}${READER_PATH}`;
const run = Date.now().toString(36);
const reader = { name: `Selector ${run}`, email: `selector-${run}@example.org`, password: "selector-password-1" };

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await signUpAndOpen(page, baseUrl, READER_PATH, reader);
});

afterAll(async () => {
  await browser?.close();
  await removeAccounts(reader.email);
});

/** A name in a paragraph, on one line, with plain words on both sides of it, scrolled to the middle of the screen. */
interface Name {
  /** Its `data-mention`. */
  id: string;
  left: number;
  right: number;
  y: number;
  text: string;
  passageId: string;
  passageText: string;
}

async function findName(target: Page, skip = 0, room = 120): Promise<Name> {
  const found = await target.evaluate(
    ({ skip, room }) => {
      let seen = 0;
      for (const mention of document.querySelectorAll<HTMLElement>("#text p.passage > .passage-text > a.mention")) {
        mention.scrollIntoView({ block: "center", behavior: "instant" });
        const rects = mention.getClientRects();
        if (rects.length !== 1) continue;
        const r = rects[0];
        const y = r.top + r.height / 2;
        const text = mention.closest<HTMLElement>(".passage-text")!;
        const plainAt = (x: number) => {
          const element = document.elementFromPoint(x, y);
          const caret = document.caretRangeFromPoint(x, y);
          return (
            !!element &&
            text.contains(element) &&
            !element.closest("a.mention") &&
            !!caret &&
            text.contains(caret.startContainer) &&
            !caret.startContainer.parentElement?.closest("a.mention")
          );
        };
        if (!plainAt(r.left - room) || !plainAt(r.left - 10) || !plainAt(r.right + 10) || !plainAt(r.right + room)) continue;
        if (!/^\p{L}+\s/u.test(mention.textContent ?? "")) continue; // two words or more: a double-click takes the first
        if (seen++ < skip) continue;
        return {
          id: mention.dataset.mention!,
          left: r.left,
          right: r.right,
          y,
          text: mention.textContent!,
          passageId: mention.closest(".passage")!.id,
          passageText: text.textContent!,
        };
      }
      return null;
    },
    { skip, room },
  );
  expect(found, "a name with words on both sides of it").not.toBeNull();
  return found!;
}

/** Opens the reader and waits until its scripts have taken over the text (names have cards, Cite buttons show). */
async function openReader(target: Page) {
  await target.goto(READER);
  await target.locator("html[data-cite-ready]").waitFor({ state: "attached" });
  await target.locator("#text a.mention[aria-haspopup]").first().waitFor({ state: "attached" });
}

const selected = (target: Page) => target.evaluate(() => window.getSelection()?.toString() ?? "");
const openCards = (target: Page) => target.locator(".entity-card").count();
const toolbar = (target: Page) => target.getByRole("toolbar", { name: "Annotate the selected words" });

/** Presses at `from`, moves to `to` in steps, and releases; returns how many cards were open while it moved. */
async function drag(target: Page, from: [number, number], to: [number, number]): Promise<number> {
  await target.evaluate(() => window.getSelection()?.removeAllRanges());
  await target.mouse.move(...from);
  await target.mouse.down();
  let cards = 0;
  for (let i = 1; i <= 12; i++) {
    await target.mouse.move(from[0] + ((to[0] - from[0]) * i) / 12, from[1] + ((to[1] - from[1]) * i) / 12);
    cards = Math.max(cards, await openCards(target));
  }
  await target.mouse.up();
  return cards;
}

/** Leaves the page with nothing selected and no toolbar, card or form open. */
async function reset(target: Page) {
  await target.keyboard.press("Escape");
  await target.keyboard.press("Escape");
  await target.evaluate(() => {
    window.getSelection()?.removeAllRanges();
    (document.activeElement as HTMLElement | null)?.blur();
  });
  await toolbar(target).waitFor({ state: "detached" });
}

/** The focused element, described: its tag, the note or passage it is in, and its text. */
const focused = (target: Page) =>
  target.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? "",
      note: element?.closest("[data-note]")?.getAttribute("data-note") ?? null,
      isNote: element?.hasAttribute("data-note") ?? false,
      permalinkOf: element?.matches("a.permalink") ? element.closest(".passage")!.id : null,
      claim: element?.closest(".claims-panel") ? element.getAttribute("data-claim") : null,
      text: element?.textContent?.trim().slice(0, 200) ?? "",
    };
  });

describe("selecting words from anywhere in the text", () => {
  it("selects from a name when a drag starts on it: the browser drags no link, no card opens, the page stays", async () => {
    await openReader(page);
    const name = await findName(page);
    const cards = await drag(page, [name.left + 2, name.y], [name.right + 100, name.y]);
    expect(cards).toBe(0);
    const words = await selected(page);
    expect(words.length).toBeGreaterThan(name.text.length);
    expect(name.passageText).toContain(words.trim());
    expect(words).toContain(name.text.slice(2));
    await toolbar(page).waitFor();
    expect(page.url()).toBe(READER);
    expect(await openCards(page)).toBe(0);
    await reset(page);
  });

  it("selects up to a name when a drag ends on it, and opens no card on the way", async () => {
    const name = await findName(page, 1);
    const cards = await drag(page, [name.left - 110, name.y], [name.left + (name.right - name.left) / 2, name.y]);
    expect(cards).toBe(0);
    const words = await selected(page);
    expect(words).toContain(name.text.slice(0, 2));
    expect(name.passageText).toContain(words.trim());
    await toolbar(page).waitFor();
    expect(await openCards(page)).toBe(0);
    await reset(page);
  });

  it("selects a name's word on a double-click and its passage on a triple-click, with the toolbar and no card", async () => {
    const name = await findName(page);
    await page.mouse.dblclick(name.left + 3, name.y);
    await toolbar(page).waitFor();
    expect(await selected(page)).toBe(name.text.split(/\s/)[0]);
    expect(await openCards(page)).toBe(0);
    expect(page.url()).toBe(READER);
    await reset(page);

    await page.mouse.click(name.left + 3, name.y, { clickCount: 3 });
    await toolbar(page).waitFor();
    expect(await openCards(page)).toBe(0);
    // The toolbar takes the passage's words, without the blank line the browser adds after them.
    await toolbar(page).getByRole("button", { name: "Claim" }).click();
    const form = page.getByRole("form", { name: "Make a claim from the selected words" });
    const passage = name.passageText.trim();
    expect(await form.locator("q").first().textContent()).toBe(passage.length > 160 ? `${passage.slice(0, 157)}…` : passage);
    await form.getByRole("button", { name: "Cancel" }).click();
    await reset(page);
  });

  it("still opens a name's card on a plain click, and reaches names with Tab", async () => {
    const name = await findName(page);
    await page.mouse.click(name.left + 3, name.y);
    const card = page.locator('.entity-card[data-pinned="true"]');
    await card.waitFor();
    expect(page.url()).toBe(READER);
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest(".entity-card"))).toBe(true);
    await page.keyboard.press("Escape");
    await card.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.matches("a.mention"))).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toMatch(/^\/entities\//);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("#text") !== null)).toBe(true);
    await reset(page);
  });

  it("keeps a drag from the text into the claims panel inside its passage", async () => {
    const name = await findName(page);
    const panel = await page.locator(".claims-panel .claim-item").first().boundingBox();
    const statement = (await page.locator(".claims-panel .claim-item a[data-claim]").first().textContent())!;
    expect(panel).not.toBeNull();
    await drag(page, [name.left - 110, name.y], [panel!.x + panel!.width / 2, name.y]);
    const words = await selected(page);
    expect(words).not.toContain(statement.slice(0, 20));
    expect(words).not.toContain("Claims");
    expect(name.passageText).toContain(words.trim());
    await toolbar(page).waitFor();
    await reset(page);
  });

  it("on a touch screen: a tap on a name opens its card, a press on it is no link press (so a long press selects), and touch selections get the toolbar", async () => {
    const touch = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const phone = await touch.newPage();
    await openReader(phone);
    const name = await findName(phone, 0, 30);
    await phone.touchscreen.tap(name.left + 3, name.y);
    await phone.locator('.entity-card[data-pinned="true"]').waitFor();
    expect(phone.url()).toBe(READER);
    await phone.keyboard.press("Escape");

    // While a finger is down on a name it is not a link: the browser then selects its word on a
    // long press, as on any other word, instead of offering to open the link.
    const cdp = await touch.newCDPSession(phone);
    const box = (await phone.locator(`#text a.mention[data-mention="${name.id}"]`).boundingBox())!;
    const point = { x: Math.round(box.x + 3), y: Math.round(box.y + box.height / 2) };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
    const pressed = await phone.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest("a.mention")?.hasAttribute("href") ?? null,
      point,
    );
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    expect(pressed).toBe(false);
    await expect
      .poll(() => phone.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("a.mention")?.hasAttribute("href"), point))
      .toBe(true);

    // What a long press and the selection handles leave: words selected, then the finger lifted.
    await phone.evaluate((id) => {
      const text = document.getElementById(id)!.querySelector(".passage-text")!;
      const node = document.createTreeWalker(text, NodeFilter.SHOW_TEXT).nextNode() as Text;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, Math.min(node.data.length, 12));
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      document.dispatchEvent(new TouchEvent("touchend", { bubbles: true }));
    }, name.passageId);
    await toolbar(phone).waitFor();
    await touch.close();
  });
});

describe("selecting from the keyboard, and where focus goes", () => {
  /** The ¶ link of the `index`th paragraph, focused; returns the passage's id and words. */
  async function focusPermalink(index: number) {
    const passage = page.locator("#text p.passage").nth(index);
    await passage.locator("a.permalink").focus();
    return {
      id: (await passage.getAttribute("id"))!,
      text: (await passage.locator(".passage-text").textContent())!,
    };
  }

  /** Selects the first `words` words of the passage whose ¶ link has focus, then opens the toolbar's `button`. */
  async function selectAndChoose(words: number, button: "Comment" | "Tag" | "Identify" | "Claim" | "Cite") {
    for (let i = 0; i < words; i++) await page.keyboard.press("Control+Shift+ArrowRight");
    await toolbar(page).waitFor();
    await page.keyboard.press("Alt+A");
    for (const name of ["Comment", "Tag", "Identify", "Claim", "Cite"]) {
      if (name === button) break;
      await page.keyboard.press("Tab");
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(button);
    await page.keyboard.press("Enter");
    // The form takes focus once it has loaded.
    const opened = {
      Comment: page.getByRole("form", { name: "Comment on the selected words" }),
      Tag: page.getByRole("form", { name: "Tag the selected words" }),
      Identify: page.getByRole("group", { name: "Identify the selected words" }),
      Claim: page.getByRole("form", { name: "Make a claim from the selected words" }),
      Cite: page.getByRole("dialog", { name: /^Cite/ }),
    }[button];
    await opened.waitFor();
    await expect.poll(() => opened.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }

  it("starts a caret with plain Right from a ¶ link, at the start of the passage, then selects from it", async () => {
    await openReader(page);
    const passage = await focusPermalink(4);
    await page.keyboard.press("ArrowRight");
    const caret = await page.evaluate(() => {
      const selection = window.getSelection()!;
      return {
        collapsed: selection.isCollapsed,
        inPassage: selection.anchorNode?.parentElement?.closest(".passage")?.id ?? null,
        shown: (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.has("gloss-caret"),
      };
    });
    expect(caret).toEqual({ collapsed: true, inPassage: passage.id, shown: true });
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    for (let i = 0; i < 5; i++) await page.keyboard.press("Shift+ArrowRight");
    expect(await selected(page)).toBe(passage.text.slice(2, 7));
    await toolbar(page).waitFor();
    await reset(page);
  });

  it("starts a caret with plain Left from a ¶ link, at the end of the passage", async () => {
    const passage = await focusPermalink(5);
    await page.keyboard.press("ArrowLeft");
    expect(await page.evaluate(() => window.getSelection()!.anchorNode?.parentElement?.closest(".passage")?.id)).toBe(passage.id);
    await page.keyboard.press("Control+Shift+ArrowLeft");
    const words = await selected(page);
    expect(words.trim().length).toBeGreaterThan(0);
    expect(passage.text.trimEnd().endsWith(words.trimEnd())).toBe(true);
    await reset(page);
  });

  it("puts focus on the note just saved after saving tags or a comment", async () => {
    await focusPermalink(6);
    await selectAndChoose(2, "Tag");
    await page.keyboard.type(`focus check ${run}`);
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).isNote).toBe(true);
    expect((await focused(page)).text).toContain(`focus check ${run}`);

    await focusPermalink(7);
    await selectAndChoose(2, "Comment");
    await page.keyboard.type(`A comment to focus ${run}`);
    await page.getByRole("form", { name: "Comment on the selected words" }).getByRole("button", { name: "Save" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).isNote).toBe(true);
    expect((await focused(page)).text).toContain(`A comment to focus ${run}`);
  });

  it("returns focus to the ¶ link the selection began at after Escape in Identify, Cancel in a form, and closing Cite", async () => {
    let passage = await focusPermalink(8);
    await selectAndChoose(1, "Identify");
    await page.getByRole("group", { name: "Identify the selected words" }).waitFor();
    expect((await focused(page)).tag).toBe("input");
    await page.keyboard.press("Escape");
    await page.getByRole("group", { name: "Identify the selected words" }).waitFor({ state: "detached" });
    expect((await focused(page)).permalinkOf).toBe(passage.id);

    passage = await focusPermalink(9);
    await selectAndChoose(1, "Comment");
    const form = page.getByRole("form", { name: "Comment on the selected words" });
    await form.getByRole("button", { name: "Cancel" }).focus();
    await page.keyboard.press("Enter");
    await form.waitFor({ state: "detached" });
    expect((await focused(page)).permalinkOf).toBe(passage.id);

    passage = await focusPermalink(10);
    await selectAndChoose(1, "Cite");
    const dialog = page.getByRole("dialog", { name: /Cite/ });
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect((await focused(page)).permalinkOf).toBe(passage.id);
  });

  it("puts focus on the note after Save in its Edit form, on Edit after Cancel, on a reply just posted, and on the passage after Delete", async () => {
    const note = page.locator("[data-note]", { hasText: `A comment to focus ${run}` });
    const noteId = (await note.getAttribute("data-note"))!;
    await note.getByRole("button", { name: "Edit" }).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("End");
    await page.keyboard.type(" (edited)");
    await note.getByRole("button", { name: "Save" }).focus();
    await page.keyboard.press("Enter");
    await note.getByText("(edited)").waitFor();
    await expect.poll(async () => (await focused(page)).note).toBe(noteId);
    expect((await focused(page)).isNote).toBe(true);

    await note.getByRole("button", { name: "Edit" }).focus();
    await page.keyboard.press("Enter");
    await note.getByRole("button", { name: "Cancel" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).text).toBe("Edit");
    expect((await focused(page)).note).toBe(noteId);

    const thread = note.locator("xpath=..");
    await thread.getByRole("button", { name: "Reply" }).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.type(`A reply to focus ${run}`);
    await thread.getByRole("button", { name: "Post reply" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).text).toContain(`A reply to focus ${run}`);
    expect((await focused(page)).isNote).toBe(true);

    const passageId = await note.evaluate((element) => element.closest("[data-gloss-notes]")!.getAttribute("data-gloss-notes"));
    page.once("dialog", (dialog) => void dialog.accept());
    await note.getByRole("button", { name: "Delete" }).first().focus();
    await page.keyboard.press("Enter");
    await note.waitFor({ state: "detached" });
    await expect.poll(async () => (await focused(page)).permalinkOf).toBe(passageId);
  });

  it("puts focus on the claim just saved, in the claims panel, after the page loads with it", async () => {
    await focusPermalink(11);
    await selectAndChoose(3, "Claim");
    await page.keyboard.type(`A claim to focus ${run}`);
    const form = page.getByRole("form", { name: "Make a claim from the selected words" });
    await form.getByRole("button", { name: "Save the claim" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\?claim=/);
    const id = new URL(page.url()).searchParams.get("claim");
    await expect.poll(async () => (await focused(page)).claim).toBe(id);
    // Landing on the claim's evidence in the text is not undone by the focus.
    const evidenceTop = await page.evaluate(() => document.querySelector(".passage[data-evidence]")!.getBoundingClientRect().top);
    expect(evidenceTop).toBeGreaterThan(0);
    expect(evidenceTop).toBeLessThan(900);
  });
});
