import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EDITION_SLUG } from "../support/edition";
import { axeViolations, launchBrowser } from "./browser";

// Links land on their words and stay there. A passage permalink, a quote link and a text fragment
// put their words on the screen and keep them there while the page settles: readers' notes load
// above them (under their passages on narrow screens, in a margin column on wide ones) and the
// sections above are laid out at their real heights (content-visibility keeps 1,500 px
// placeholders until then). `?claim=` lands on the claim's first evidence and steps through the
// rest. A malformed fragment is ignored.
//
// The links are tried on two copies of the edition's text imported for this test (names and claims
// are left out: they do not change the layout): one with no notes at all, one with two public notes
// under every passage above the target.

const baseUrl = inject("baseUrl");
process.env.DATABASE_URL = inject("databaseUrl");
const run = Date.now().toString(36);
const BARE = `landing-bare-${run}`;
const NOTED = `landing-notes-${run}`;
const artifacts = path.resolve(__dirname, "../artifacts");
const writer = { email: `landing-${run}@example.org`, password: "landing-password-1" };
/** How long the page is watched after it loaded: notes load and sections are laid out within it. */
const SETTLE_MS = 2500;

/** Widths tried: a phone, a laptop (notes under their passages), a wide screen (notes in the margin). */
const SCREENS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
  { width: 1700, height: 1000 },
] as const;

interface Passage {
  id: string;
  label: string;
  start: number;
  end: number;
}

let browser: Browser;
let dir: string;
let passages: Passage[];
let text: string;
/** The target of the links: a passage far down, with sections and notes above it. */
let target: Passage;

const lib = async () => ({
  ...(await import("@/lib/db")),
  ...(await import("@/lib/documents/import-document")),
});

beforeAll(async () => {
  browser = await launchBrowser();
  fs.mkdirSync(artifacts, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-landing-"));
  const edition = fs.readFileSync(path.resolve(__dirname, "../../content", `${EDITION_SLUG}.md`), "utf8");
  const { getDb, importDocument } = await lib();
  for (const slug of [BARE, NOTED]) {
    fs.writeFileSync(path.join(dir, `${slug}.md`), edition);
    await importDocument(getDb(), path.join(dir, `${slug}.md`));
  }
  const document = await (await fetch(`${baseUrl}/api/documents/${NOTED}`)).json();
  passages = document.passages;
  text = document.text;
  target = passages.find((p) => p.label === "§5 ¶6")!;
  expect(target).toBeDefined();

  // Two public notes under every passage above the target, posted in one import by a new reader.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-up?next=${encodeURIComponent(`/documents/${NOTED}`)}`);
  await page.getByLabel("Email").fill(writer.email);
  await page.getByLabel("Password").fill(writer.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${baseUrl}/documents/${NOTED}`);
  const notes = passages
    .filter((p) => p.end <= target.start)
    .flatMap((p) =>
      [1, 2].map((n) => ({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        motivation: "commenting",
        body: {
          type: "TextualBody",
          format: "text/plain",
          value: `Note ${n} on ${p.label}: a remark long enough to take a few lines under its passage, as readers' notes do when they say something.`,
        },
        target: {
          source: `${baseUrl}/documents/${NOTED}`,
          selector: [
            { type: "TextQuoteSelector", exact: text.slice(p.start, p.start + 10) },
            { type: "TextPositionSelector", start: p.start, end: p.start + 10 },
          ],
        },
      })),
    );
  const report = await page.evaluate(
    async ({ slug, notes }) => {
      const response = await fetch(`/api/documents/${slug}/annotations/import`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(notes),
      });
      return (await response.json()) as { imported: number; failed: unknown[] };
    },
    { slug: NOTED, notes },
  );
  expect(report).toEqual({ imported: notes.length, failed: [] });
  expect(notes.length).toBeGreaterThan(100);
  await context.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  const { getDb, disconnectDb } = await lib();
  await getDb().document.deleteMany({ where: { slug: { in: [BARE, NOTED] } } });
  await disconnectDb();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** How a link names its words, and how the page shows where they are. */
type LinkKind = "permalink" | "quote link" | "text fragment";

function linkTo(slug: string, kind: LinkKind): string {
  const words = text.slice(target.start, target.start + 60).replace(/\s\S*$/, "");
  const reader = `${baseUrl}/documents/${slug}`;
  if (kind === "permalink") return `${reader}#${target.id}`;
  if (kind === "quote link") {
    const query = new URLSearchParams({ quote: words, start: String(target.start), end: String(target.start + words.length) });
    return `${reader}?${query}#${target.id}`;
  }
  return `${reader}#:~:text=${encodeURIComponent(words).replace(/-/g, "%2D")}`;
}

/**
 * The top of the link's words in the viewport (px), sampled every 100 ms for SETTLE_MS: the
 * passage for a permalink, the highlighted words for a quote link or a text fragment.
 */
async function watchTarget(page: Page, kind: LinkKind): Promise<number[]> {
  return page.evaluate(
    async ({ id, words, duration }) => {
      const top = () => {
        if (!words) return document.getElementById(id)!.getBoundingClientRect().top;
        const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get("gloss-cited");
        const first = highlight ? [...highlight][0] : undefined;
        return first ? first.getBoundingClientRect().top : Number.NaN;
      };
      const samples: number[] = [];
      for (let waited = 0; waited <= duration; waited += 100) {
        samples.push(Math.round(top()));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return samples;
    },
    { id: target.id, words: kind !== "permalink", duration: SETTLE_MS },
  );
}

/** Opens `url` at `screen`, waits for the page's scripts (and, on the noted copy, for the notes above the target). */
async function openLink(url: string, screen: { width: number; height: number }, notes: boolean): Promise<Page> {
  const page = await browser.newPage({ viewport: screen });
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  await page.waitForSelector("html[data-cite-ready]");
  if (notes) await page.locator("[data-note]").first().waitFor();
  return page;
}

const expectInView = (samples: number[], height: number, what: string) => {
  for (const top of samples) {
    expect(top, `${what}: ${samples.join(" ")}`).toBeGreaterThanOrEqual(0);
    expect(top, `${what}: ${samples.join(" ")}`).toBeLessThan(height - 40);
  }
};

describe("a link lands on its words and they stay in view", () => {
  for (const screen of SCREENS) {
    for (const kind of ["permalink", "quote link", "text fragment"] as const) {
      it(`${kind}, ${screen.width} px wide, with notes loading above it`, async () => {
        const page = await openLink(linkTo(NOTED, kind), screen, true);
        const samples = await watchTarget(page, kind);
        expectInView(samples, screen.height, `${kind} at ${screen.width} px`);
        // The notes above the target did load meanwhile, and the words stay on the landing line (30% down).
        expect(await page.locator(`[data-note]`).count()).toBeGreaterThan(4);
        expect(Math.abs(samples.at(-1)! - screen.height * 0.3)).toBeLessThanOrEqual(2);
        if (kind === "permalink") await page.screenshot({ path: path.join(artifacts, `landing-${screen.width}.png`) });
        await page.close();
      });
    }
  }

  for (const screen of SCREENS.slice(0, 2)) {
    for (const kind of ["permalink", "quote link", "text fragment"] as const) {
      it(`${kind}, ${screen.width} px wide, with no notes at all`, async () => {
        const page = await openLink(linkTo(BARE, kind), screen, false);
        const samples = await watchTarget(page, kind);
        expectInView(samples, screen.height, `${kind} at ${screen.width} px`);
        expect(Math.abs(samples.at(-1)! - screen.height * 0.3)).toBeLessThanOrEqual(2);
        await page.close();
      });
    }
  }

  for (const screen of SCREENS.slice(0, 2)) {
    it(`permalink with JavaScript off, ${screen.width} px wide`, async () => {
      const context = await browser.newContext({ viewport: screen, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(linkTo(BARE, "permalink"));
      const passage = page.locator(`[id="${target.id}"]`);
      const samples: number[] = [];
      for (let waited = 0; waited <= SETTLE_MS; waited += 250) {
        samples.push(Math.round((await passage.boundingBox())!.y));
        await page.waitForTimeout(250);
      }
      expectInView(samples, screen.height, `permalink without JavaScript at ${screen.width} px`);
      await context.close();
    });
  }

  it("stops holding the words once the reader scrolls", async () => {
    const page = await openLink(linkTo(NOTED, "permalink"), SCREENS[1], true);
    const passage = page.locator(`[id="${target.id}"]`);
    const before = await page.evaluate(() => window.scrollY);
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, -3000);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(before - 2000);
    // The page is left where the reader took it: the passage is not brought back.
    await page.waitForTimeout(SETTLE_MS);
    expect((await passage.boundingBox())!.y).toBeGreaterThan(SCREENS[1].height);
    await page.close();
  });
});

describe("a claim's evidence", () => {
  /** A curated claim with five pieces of evidence, the first 22,000 characters into the text. */
  const CLAIM = "leaders-executed-in-moscow-1949-08-27";
  let evidence: Array<{ start: number; end: number; passageLabel: string; stance: string }>;

  beforeAll(async () => {
    const { claims } = await (await fetch(`${baseUrl}/api/documents/${EDITION_SLUG}/claims`)).json();
    const claim = claims.find((c: { id: string }) => c.id === CLAIM);
    evidence = [...claim.evidence].sort((a: { start: number }, b: { start: number }) => a.start - b.start);
    expect(evidence.length).toBeGreaterThanOrEqual(3);
  });

  /** The top of the words `[start, end)` in the viewport (px). */
  const wordsTop = (page: Page, start: number, end: number) =>
    page.evaluate(
      ([start, end]) => {
        for (const element of document.querySelectorAll<HTMLElement>("#text .passage-text[data-start]")) {
          const from = Number(element.dataset.start);
          if (start < from || end > Number(element.dataset.end)) continue;
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          let offset = from;
          for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
            if (start <= offset + node.data.length) {
              const range = document.createRange();
              range.setStart(node, start - offset);
              range.setEnd(node, Math.min(node.data.length, end - offset));
              return range.getBoundingClientRect().top;
            }
            offset += node.data.length;
          }
        }
        return Number.NaN;
      },
      [start, end] as const,
    );

  /** Samples the top of the `index`th piece of evidence for SETTLE_MS. */
  async function watchEvidence(page: Page, index: number): Promise<number[]> {
    const samples: number[] = [];
    for (let waited = 0; waited <= SETTLE_MS; waited += 250) {
      samples.push(Math.round(await wordsTop(page, evidence[index].start, evidence[index].end)));
      await page.waitForTimeout(250);
    }
    return samples;
  }

  for (const screen of SCREENS.slice(0, 2)) {
    it(`?claim= lands on the first evidence in the text and steps to the others, ${screen.width} px wide`, async () => {
      const page = await browser.newPage({ viewport: screen });
      const response = await page.goto(`${baseUrl}/documents/${EDITION_SLUG}?claim=${CLAIM}`);
      expect(response?.status()).toBe(200);
      await page.waitForSelector("html[data-cite-ready]");
      expectInView(await watchEvidence(page, 0), screen.height, "the first evidence");

      const stepper = page.getByRole("group", { name: "Evidence for the chosen claim" });
      const status = stepper.getByRole("status");
      expect(await status.textContent()).toContain(`1 of ${evidence.length}`);
      expect(await status.getAttribute("aria-live")).not.toBe("assertive");
      expect(await stepper.getByRole("button", { name: "Previous evidence" }).getAttribute("aria-disabled")).toBe("true");
      await page.screenshot({ path: path.join(artifacts, `claim-stepper-${screen.width}.png`) });

      // From the keyboard: the next piece, then back.
      await stepper.getByRole("button", { name: "Next evidence" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => status.textContent()).toContain(`2 of ${evidence.length}`);
      expect(await status.textContent()).toContain(evidence[1].passageLabel);
      expectInView(await watchEvidence(page, 1), screen.height, "the second evidence");
      for (let i = 2; i < evidence.length; i++) await page.keyboard.press("Enter");
      await expect.poll(() => status.textContent()).toContain(`${evidence.length} of ${evidence.length}`);
      expectInView(await watchEvidence(page, evidence.length - 1), screen.height, "the last evidence");
      // At the last piece Next does nothing, and keeps the focus.
      expect(await stepper.getByRole("button", { name: "Next evidence" }).getAttribute("aria-disabled")).toBe("true");
      await page.keyboard.press("Enter");
      expect(await status.textContent()).toContain(`${evidence.length} of ${evidence.length}`);
      await page.keyboard.press("Shift+Tab");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Previous evidence");
      await page.keyboard.press("Enter");
      await expect.poll(() => status.textContent()).toContain(`${evidence.length - 1} of ${evidence.length}`);
      expect(await axeViolations(page)).toEqual([]);
      await stepper.getByRole("button", { name: "Clear claim" }).click();
      await stepper.waitFor({ state: "detached" });
      expect(new URL(page.url()).searchParams.get("claim")).toBeNull();
      await page.close();
    });
  }
});

describe("a malformed fragment", () => {
  for (const hash of ["#%", "#%E0%A4%A"]) {
    it(`is ignored: ${hash} shows the text`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${baseUrl}/documents/${EDITION_SLUG}${hash}`);
      await page.waitForSelector("html[data-cite-ready]");
      await page.waitForTimeout(1000);
      expect(await page.locator("article h1").textContent()).toBe("Second East Turkistan Republic");
      expect(await page.locator("#text .passage").count()).toBeGreaterThan(100);
      expect(
        await page
          .getByRole("alert")
          .filter({ hasText: /cannot be shown|database/ })
          .count(),
      ).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe("an error in the browser", () => {
  it("says it happened in the browser, not that the database cannot be reached", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A browser whose matchMedia fails: the reader's script meets an exception while the page is shown.
    await page.addInitScript(() => {
      window.matchMedia = () => {
        throw new Error("matchMedia is not available");
      };
    });
    await page.goto(`${baseUrl}/documents/${EDITION_SLUG}`);
    const alert = page.getByRole("alert").filter({ hasText: "cannot be shown" });
    await alert.waitFor();
    const message = await alert.textContent();
    expect(message).not.toMatch(/database/i);
    expect(message).toMatch(/in your browser/);
    expect(await alert.getByRole("button", { name: "Reload the page" }).count()).toBe(1);
    await page.close();
  });
});
