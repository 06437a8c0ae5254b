import path from "node:path";
import pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EDITION_SLUG } from "../support/edition";
import { axeViolations, launchBrowser } from "./browser";
import { signUpAndOpen } from "./reader-actions";
import { removeAccounts } from "./shared-edition";

// The reader's own layer beyond plain comments: keyboard selection, tags, markdown, replies,
// identifying entities, making claims, notes in the margin, moderation, and signing in without
// JavaScript.

const baseUrl = inject("baseUrl");
const artifacts = path.resolve(__dirname, "../artifacts");
const READER_PATH = `/documents/${EDITION_SLUG}`;
const READER = `${baseUrl}${READER_PATH}`;
const run = Date.now().toString(36);
const writer = { name: `Writer ${run}`, email: `writer-${run}@example.org`, password: "writer-password-1" };
const editor = { email: `editor-${run}@example.org`, password: "editor-password-1" };

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await signUpAndOpen(page, baseUrl, READER_PATH, writer);
});

afterAll(async () => {
  await browser?.close();
  await removeAccounts(writer.email, editor.email);
});

/**
 * Selects `exact` (its `occurrence`th appearance within one passage, outside names already marked
 * when `outsideMentions`) as a mouse would.
 */
async function selectText(target: Page, exact: string, occurrence = 0, outsideMentions = false): Promise<void> {
  await target.evaluate(
    ({ exact, occurrence, outsideMentions }) => {
      const point = (element: Element, offset: number): [Text, number] => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          if (offset <= seen + node.data.length) return [node, offset - seen];
          seen += node.data.length;
        }
        throw new Error("offset outside the passage");
      };
      let seen = 0;
      for (const element of document.querySelectorAll("#text .passage-text")) {
        const text = element.textContent ?? "";
        for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
          const range = document.createRange();
          range.setStart(...point(element, at));
          range.setEnd(...point(element, at + exact.length));
          if (
            outsideMentions &&
            (range.startContainer.parentElement?.closest("a.mention") || range.endContainer.parentElement?.closest("a.mention"))
          )
            continue;
          if (seen++ < occurrence) continue;
          const selection = window.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
          return;
        }
      }
      throw new Error(`"${exact}" is not in the text`);
    },
    { exact, occurrence, outsideMentions },
  );
  await target.getByRole("toolbar", { name: "Annotate the selected words" }).waitFor();
}

const highlighted = (target: Page, name: string) =>
  target.evaluate((n) => {
    const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(n);
    return [...(highlight ?? [])].map((r) => r.toString());
  }, name);

describe("the reader's own layer", () => {
  it("selects words with Shift and the arrow keys from a passage's ¶ link, and tags them", async () => {
    const passage = page.locator("#text p.passage").nth(3);
    const words = await passage.locator(".passage-text").evaluate((e) => e.textContent!.split(/\s+/).slice(0, 3).join(" "));
    await passage.locator("a.permalink").focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press("Control+Shift+ArrowRight");
    expect((await page.evaluate(() => window.getSelection()!.toString())).trim()).toBe(words);
    await page.getByRole("toolbar", { name: "Annotate the selected words" }).waitFor();
    await page.keyboard.press("Alt+A");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Comment");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Tag");
    await page.keyboard.press("Enter");
    const form = page.getByRole("form", { name: "Tag the selected words" });
    await form.getByLabel("Tags").fill("opening words, to check , opening words");
    await form.getByRole("button", { name: "Save tags" }).click();
    const note = page.locator('[data-note][data-motivation="tagging"]', { hasText: "opening words" });
    await note.waitFor();
    expect(await note.getByRole("list", { name: "Tags" }).getByRole("listitem").allTextContents()).toEqual(["opening words", "to check"]);
    await page.reload();
    await page.locator('[data-note][data-motivation="tagging"]').getByText("to check").waitFor();
    expect(await highlighted(page, "gloss-comment")).toContain(words);
  });

  it("renders a markdown comment sanitised: emphasis and links kept, script and javascript: links dropped", async () => {
    await selectText(page, "Soviet influence");
    await page.getByRole("button", { name: "Comment" }).click();
    const form = page.getByRole("form", { name: "Comment on the selected words" });
    await form
      .getByLabel("Comment")
      .fill(
        '**Strong claim**, see [the source](https://example.org/a).\n\n<script>window.__owned = 1</script><img src=x onerror="window.__owned = 2">\n\n[click](javascript:window.__owned=3)',
      );
    await form.getByRole("button", { name: "Save" }).click();
    const text = page.locator("[data-note-text]", { hasText: "Strong claim" });
    await text.locator("strong").waitFor();
    expect(await text.locator("strong").textContent()).toBe("Strong claim");
    expect(await text.locator('a[href="https://example.org/a"]').count()).toBe(1);
    expect(await text.locator("script, img[onerror], [href^='javascript']").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
    // The author's name shows on the note, linking to their page.
    const note = page.locator("[data-note]", { hasText: "Strong claim" });
    expect(await note.getByRole("link", { name: "You" }).count()).toBe(1);
  });

  it("answers a note in a thread that survives a reload", async () => {
    const thread = page.locator("[data-note]", { hasText: "Strong claim" }).locator("xpath=..");
    await thread.getByRole("button", { name: "Reply" }).click();
    const form = thread.getByRole("form", { name: /^Reply to the note on/ });
    await form.getByLabel("Reply").fill("A *first* answer");
    await form.getByRole("button", { name: "Post reply" }).click();
    await thread.getByRole("list", { name: "Replies" }).getByText("first").waitFor();
    await page.reload();
    const replies = page.locator("[data-note]", { hasText: "Strong claim" }).locator("xpath=..").getByRole("list", { name: "Replies" });
    await replies.locator('[data-motivation="replying"] em', { hasText: "first" }).waitFor();
  });

  it("identifies words as a known entity, offering its other occurrences unticked, in context, where the curators did not link them", async () => {
    await selectText(page, "Soviet", 0, true);
    const before = await page.locator('a.mention[href="/entities/soviet-union"]').count();
    await page.getByRole("button", { name: "Identify" }).click();
    const group = page.getByRole("group", { name: "Identify the selected words" });
    await group.locator('[data-entity-choice="soviet-union"]').click();
    const others = page.getByRole("form", { name: "Other occurrences of Soviet Union" });
    await others.waitFor();
    const boxes = others.locator('input[name="occurrence"]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(8);
    // Adjectives ("Soviet setbacks") and the heading "Soviet Pressure" are not the Soviet Union: nothing is ticked.
    for (let i = 0; i < (await boxes.count()); i++) expect(await boxes.nth(i).isChecked()).toBe(false);
    // Each is shown in context: its passage, the words before and after, and why the text's editors did not link it.
    const setbacks = others.locator("[data-occurrence]", { hasText: "setbacks" });
    expect(await setbacks.count()).toBe(1);
    expect(await setbacks.textContent()).toMatch(/§\d+ ¶\d+.*\bof Soviet setbacks\b/);
    expect(await setbacks.textContent()).toMatch(/Adjective/);
    const heading = others.locator("[data-occurrence]", { hasText: "Pressure" }).filter({ hasText: "section heading" });
    expect(await heading.count()).toBe(1);
    // "Select all" ticks them all, and clears them again.
    const all = others.getByRole("checkbox", { name: "Select all" });
    await all.check();
    for (let i = 0; i < (await boxes.count()); i++) expect(await boxes.nth(i).isChecked()).toBe(true);
    await all.uncheck();
    expect(await others.locator('input[name="occurrence"]:checked').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, "identify-occurrences.png") });
    // Enter marks the chosen ones: none, so only the selected words become a mention.
    await boxes.first().focus();
    await page.keyboard.press("Enter");
    await others.waitFor({ state: "detached" });
    await expect.poll(() => page.locator('a.mention[href="/entities/soviet-union"]').count(), { timeout: 10_000 }).toBe(before + 1);
    // The reader was the page kept for every reader, which loads again with the new name: the page
    // is the reader's once its header, asked in the browser, names them.
    await page.getByRole("navigation", { name: "Account" }).getByText(writer.email).waitFor();
  });

  it("creates a new entity from words no entity names yet, with its other occurrence", async () => {
    await selectText(page, "autonomy", 0, true);
    await page.getByRole("button", { name: "Identify" }).click();
    const group = page.getByRole("group", { name: "Identify the selected words" });
    await group.getByRole("button", { name: "New entity…" }).click();
    const form = page.getByRole("form", { name: "A new entity" });
    await form.getByLabel("Name").fill(`Autonomy ${run}`);
    await form.getByLabel("Kind").selectOption("event");
    await form.getByRole("button", { name: "Create and mark" }).click();
    const others = page.getByRole("form", { name: `Other occurrences of Autonomy ${run}` });
    await others.getByRole("checkbox").first().waitFor();
    expect(await others.getByRole("checkbox").count()).toBe(1);
    // The name the reader gave it: the alias matcher links the other occurrence, which is offered ticked.
    expect(await others.getByRole("checkbox").isChecked()).toBe(true);
    await others.getByRole("button", { name: "Mark the chosen ones" }).click();
    const mentions = page.locator("a.mention", { hasText: /^autonomy$/ });
    await expect.poll(() => mentions.count(), { timeout: 10_000 }).toBe(2);
    const entityId = (await mentions.first().getAttribute("href"))?.replace("/entities/", "");
    const entity = await context.request.get(`${baseUrl}/api/entities/${entityId}`);
    expect(entity.status()).toBe(200);
  });

  it("makes a claim from a sentence, adds a suggested passage as evidence, and shows it highlighted", async () => {
    const sentence = "He emphasized that he would “not grant independence but autonomy” to the region.";
    await selectText(page, sentence);
    await page.getByRole("button", { name: "Claim" }).click();
    const form = page.getByRole("form", { name: "Make a claim from the selected words" });
    await form.getByLabel("Claim").fill(`Mao offered autonomy, not independence (${run})`);
    // A date that is not on the calendar is refused with the reason, and nothing is saved.
    for (const [value, reason] of [
      ["2020-02-31", 'Date: "2020-02-31" is not a day: 2020-02 has 29 days.'],
      ["0000", 'Date: "0000" is not a year: years run from 0001 (there is no year 0).'],
    ]) {
      await form.getByLabel("Date (optional)").fill(value);
      await form.getByRole("button", { name: "Save the claim" }).click();
      await form.getByRole("alert").getByText(reason).waitFor();
    }
    expect(page.url()).not.toMatch(/\?claim=/);
    await form.getByLabel("Date (optional)").fill("1949-02");
    await form.getByRole("button", { name: "Suggest more evidence" }).click();
    const suggestion = form.locator("[data-suggestion]").first();
    await suggestion.waitFor();
    await suggestion.getByRole("checkbox").check();
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole("button", { name: "Save the claim" }).click();
    await page.waitForURL(/\?claim=/);
    await expect.poll(() => highlighted(page, "gloss-supports"), { timeout: 10_000 }).toContain(sentence);
    expect((await highlighted(page, "gloss-supports")).length).toBe(2);
    const listed = page.locator(".claims-panel a[data-claim]", { hasText: `Mao offered autonomy, not independence (${run})` });
    expect(await listed.count()).toBe(1);
    expect(await listed.getAttribute("aria-current")).toBe("true");
  });

  it("sets the notes in a margin column beside their passage on a wide screen", async () => {
    const wide = await context.newPage();
    await wide.setViewportSize({ width: 1700, height: 1000 });
    await wide.goto(READER);
    const group = wide.locator("[data-notes-margin] [data-margin-notes]").first();
    await group.waitFor();
    const passageId = await group.getAttribute("data-margin-notes");
    const [noteTop, passageTop, noteLeft, textRight] = await wide.evaluate((id) => {
      const note = document.querySelector(`[data-margin-notes="${id}"]`)!.getBoundingClientRect();
      const passage = document.getElementById(id!)!.getBoundingClientRect();
      const text = document.getElementById("text")!.getBoundingClientRect();
      return [note.top, passage.top, note.left, text.right];
    }, passageId);
    expect(Math.abs(noteTop - passageTop)).toBeLessThanOrEqual(2);
    expect(noteLeft).toBeGreaterThanOrEqual(textRight);
    // Under the margin width, the same notes sit under their passage instead.
    await wide.setViewportSize({ width: 1200, height: 1000 });
    await wide.locator(`#text [data-gloss-notes="${passageId}"] [data-note]`).first().waitFor();
    await wide.close();
  });

  it("lets an editor remove a reader's public note from the moderation page, and no one else", async () => {
    const annotatorPage = await context.newPage();
    await annotatorPage.goto(`${baseUrl}/moderation`);
    await annotatorPage.getByText("Only editors moderate.").waitFor();
    expect(await annotatorPage.locator("[data-moderation-item]").count()).toBe(0);
    await annotatorPage.close();

    const editorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const editorPage = await editorContext.newPage();
    await editorPage.goto(`${baseUrl}/sign-up?next=%2Fmoderation`);
    await editorPage.getByLabel("Email").fill(editor.email);
    await editorPage.getByLabel("Password").fill(editor.password);
    await editorPage.getByRole("button", { name: "Create account" }).click();
    await editorPage.waitForURL(`${baseUrl}/moderation`);
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    await client.query(`UPDATE "user" SET role = 'editor' WHERE email = $1`, [editor.email]);
    await client.end();
    await editorPage.reload();
    const item = editorPage.locator("[data-moderation-item]", { hasText: "Strong claim" });
    await item.waitFor();
    expect(await item.getByRole("link", { name: writer.name }).count()).toBe(1);
    expect(await axeViolations(editorPage)).toEqual([]);
    await item.getByRole("button", { name: /^Remove/ }).click();
    await editorPage.getByRole("status").getByText("The note was removed.").waitFor();
    expect(await editorPage.locator("[data-moderation-item]", { hasText: "Strong claim" }).count()).toBe(0);
    await editorContext.close();

    // The reader from its top (the page was left on a claim, whose address lands on its evidence further down).
    await page.goto(READER);
    await page.locator('[data-note][data-motivation="tagging"]', { hasText: "opening words" }).waitFor();
    expect(await page.locator("[data-note]", { hasText: "Strong claim" }).count()).toBe(0);
    expect(await page.locator("[data-note]", { hasText: "first answer" }).count()).toBe(0);
  });

  it("signs in and out with JavaScript off", async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const plain = await noScript.newPage();
    await plain.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(READER_PATH)}`);
    await plain.getByLabel("Email").fill(writer.email);
    await plain.getByLabel("Password").fill("not the password");
    await plain.getByRole("button", { name: "Sign in" }).click();
    await plain.waitForLoadState();
    expect(await plain.getByRole("alert").textContent()).toMatch(/invalid|not right/i);
    await plain.getByLabel("Password").fill(writer.password);
    await plain.getByRole("button", { name: "Sign in" }).click();
    await plain.waitForURL(READER);
    // The reader is the page kept for every reader: its header names no one, and leads to the account page.
    expect(await plain.getByRole("navigation", { name: "Account" }).getByText(writer.email).count()).toBe(0);
    await plain.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Account" }).click();
    await plain.waitForURL(`${baseUrl}/sign-in?next=${encodeURIComponent(READER_PATH)}`);
    await plain.locator("[data-signed-in]").getByText(writer.email, { exact: true }).waitFor();
    // A page rendered for the reader names them in its header.
    await plain.getByRole("navigation", { name: "Account" }).getByText(writer.email).waitFor();
    await plain.locator("[data-signed-in]").getByRole("button", { name: "Sign out" }).click();
    await plain.waitForURL(READER);
    await plain.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Account" }).click();
    await plain.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).waitFor();
    expect(await plain.locator("[data-signed-in]").count()).toBe(0);
    await noScript.close();
  });
});
