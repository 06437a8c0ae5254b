import fs from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser } from "./browser";
import { signUpAndOpen } from "./reader-actions";
import { removeAccounts } from "./shared-edition";

// The review queue of an imported text's proposed names, as its owner uses it (keys and buttons),
// and the proposals in the reader: dashed for the owner, and there for no one else.

const baseUrl = inject("baseUrl");
process.env.DATABASE_URL = inject("databaseUrl");
const artifacts = path.resolve(__dirname, "../artifacts");
const run = Date.now().toString(36);
const owner = { name: "Owner", email: `review-owner-${run}@example.org`, password: "review-password-1" };
const other = { name: "Other", email: `review-other-${run}@example.org`, password: "review-password-2" };

// Names of the seed edition in other spellings (Ahmetjan Qasimi's, Ghulja), the edition's own
// (Kuomintang), and new ones (Rahimov, the Provincial Security Bureau and its acronym).
const REPORT = `Report from the consulate, ${run}

General Rahimov of the Provincial Security Bureau wrote from Ghulja that Achmad-Jan had left for Tihwa.

Ahmetjan Kasimi met the delegates of the Kuomintang there. Rahimov reported it to the PSB the same week.

The delegates left on 14 March 1947. The second delegation came in April 1948.`;

let browser: Browser;
let page: Page;
let slug = "";
let review = "";

interface Proposal {
  id: string;
  exact: string;
  group: string;
  name: string;
  entity: { id: string; name: string } | null;
}

/** The owner's pending proposals, through the API. */
const proposals = () =>
  page.evaluate(async (s) => ((await (await fetch(`/api/documents/${s}/proposals`)).json()) as { proposals: Proposal[] }).proposals, slug);

const status = () => page.locator("[data-review-status]");
const counts = async () => {
  const text = (await page.locator("[data-review-counts]").textContent()) ?? "";
  const [names, mentions] = [...text.matchAll(/(\d+) (?:names?|mentions?)/g)].map((m) => Number(m[1]));
  return { names, mentions };
};
const group = (name: string | RegExp): Locator => page.getByRole("article", { name });

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signUpAndOpen(page, baseUrl, "/", owner);
  // The import goes through the API, as a client would send it, and is waited for.
  const imported = await page.evaluate(async (text) => {
    const form = new FormData();
    form.set("text", text);
    form.set("title", "A consular report");
    const response = await fetch("/api/documents", { method: "POST", body: form });
    const { import: started } = (await response.json()) as { import: { id: string } };
    for (let i = 0; i < 240; i++) {
      const state = (await (await fetch(`/api/imports/${started.id}`)).json()) as {
        status: string;
        document?: { slug: string };
        error?: { message: string };
      };
      if (state.status === "done") return { status: response.status, slug: state.document!.slug };
      if (state.status === "failed") throw new Error(state.error?.message);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error("the import did not end");
  }, REPORT);
  expect(imported.status).toBe(202);
  slug = imported.slug;
  review = `${baseUrl}/documents/${slug}/review`;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  const { getDb, disconnectDb } = await import("@/lib/db");
  await getDb().document.deleteMany({ where: { slug } });
  await getDb().entity.deleteMany({ where: { createdBy: { email: { in: [owner.email, other.email] } } } });
  await removeAccounts(owner.email, other.email);
  await disconnectDb();
});

/** Whether the reader at `reader` draws any proposal (its dashed highlight) or links to the queue. */
async function proposalsShown(reader: Page) {
  return reader.evaluate(() => ({
    dashed: (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights.get("gloss-proposed")?.size ?? 0,
    link: document.querySelector(".review-link")?.textContent ?? null,
    described: document.querySelectorAll("#text [aria-description]").length,
  }));
}

describe("the reader's proposed names", () => {
  it("are dashed for the owner, who is told what each proposes and led to the queue", async () => {
    await page.goto(`${baseUrl}/documents/${slug}`);
    const link = page.getByRole("link", { name: /^Review \d+ proposed names$/ });
    await link.waitFor();
    const shown = await proposalsShown(page);
    expect(shown.dashed).toBe((await proposals()).length);
    expect(shown.described).toBeGreaterThan(0);
    // Pointing at a proposed name says what it would be.
    const box = await page.evaluate(() => {
      const words = [...document.querySelectorAll<HTMLElement>(".passage-text")].find((e) => e.textContent?.includes("Achmad-Jan"))!;
      const node = [...words.childNodes].find((n) => n.textContent?.includes("Achmad-Jan"))!;
      const range = document.createRange();
      const at = node.textContent!.indexOf("Achmad-Jan");
      range.setStart(node, at + 2);
      range.setEnd(node, at + 4);
      const rect = range.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    await expect.poll(() => page.locator(".passage-text[title]").getAttribute("title")).toBe("Proposed: Ahmetjan Qasimi (person)");
    await page.screenshot({ path: path.join(artifacts, "review-reader-dashed.png") });
    await link.click();
    await page.waitForURL(review);
  });

  it("do not exist for another reader or anyone signed out, once the document is public: no dash, no link, no queue", async () => {
    const { getDb } = await import("@/lib/db");
    await getDb().document.update({ where: { slug }, data: { visibility: "public" } });
    const context = await browser.newContext();
    const reader = await context.newPage();
    await signUpAndOpen(reader, baseUrl, "/", other);
    const asked = reader.waitForResponse((r) => r.url().endsWith(`/api/documents/${slug}/proposals`));
    expect((await reader.goto(`${baseUrl}/documents/${slug}`))?.status()).toBe(200);
    // The reader asks, as it asks for every signed-in reader, and is answered as for an unknown document.
    expect((await asked).status()).toBe(404);
    await reader.waitForSelector("html[data-cite-ready]", { state: "attached" });
    expect(await proposalsShown(reader)).toEqual({ dashed: 0, link: null, described: 0 });
    expect((await reader.goto(review))?.status()).toBe(404);
    await context.close();

    const signedOut = await (await browser.newContext()).newPage();
    const session = signedOut.waitForResponse((r) => r.url().endsWith("/api/auth/get-session"));
    expect((await signedOut.goto(`${baseUrl}/documents/${slug}`))?.status()).toBe(200);
    await session;
    await signedOut.waitForSelector("html[data-cite-ready]", { state: "attached" });
    expect(await proposalsShown(signedOut)).toEqual({ dashed: 0, link: null, described: 0 });
    expect((await signedOut.goto(review))?.status()).toBe(404);
    await signedOut.context().close();
  });
});

describe("the review queue", () => {
  it("moves between groups with j, accepts with a, says so, and undoes with u", async () => {
    await page.goto(review);
    const before = await counts();
    expect(before.names).toBeGreaterThanOrEqual(4);
    await page.keyboard.press("j");
    const first = await page.evaluate(() => document.activeElement?.getAttribute("data-group"));
    expect(first).toBeTruthy();
    await page.keyboard.press("j");
    const second = await page.evaluate(() => document.activeElement?.getAttribute("data-group"));
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const name = await page.locator(`[data-group="${second}"] h2`).textContent();
    const size = (await proposals()).filter((p) => p.group === second).length;
    await page.keyboard.press("a");
    await expect.poll(() => status().textContent()).toBe(`${size === 1 ? "1 mention" : `${size} mentions`} of ${name} accepted. Undo`);
    expect(await counts()).toEqual({ names: before.names - 1, mentions: before.mentions - size });
    // Focus stays in the list, on the group that took the accepted one's place.
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-group"))).toBe(true);
    await page.keyboard.press("u");
    await expect.poll(() => counts()).toEqual(before);
    expect(await status().textContent()).toMatch(/^Undone: /);
    // A group reached by Tab (one of its buttons) is the one the keys act on: k goes to the one before it.
    const order = await page.locator("[data-group]").evaluateAll((all) => all.map((e) => e.getAttribute("data-group")));
    await page.locator(`[data-group="${order[3]}"]`).getByRole("button", { name: "Show mentions" }).focus();
    await page.keyboard.press("k");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-group"))).toBe(order[2]);
    await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-group"))).toBe(order[1]);
    // Keys typed in a field are the field's.
    await page.getByLabel("Kind").focus();
    await page.keyboard.press("a");
    expect(await counts()).toEqual(before);
  });

  it("accepts a group by its button, in one request", async () => {
    await page.goto(review);
    const rahimov = group(/Rahimov/);
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/proposals/review")) requests.push(r.postData() ?? "");
    });
    await rahimov.getByRole("button", { name: "Accept group" }).click();
    await expect.poll(() => status().textContent()).toMatch(/^2 mentions of .*Rahimov accepted\. Undo$/);
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0])).toMatchObject({ action: "accept", groups: [expect.any(String)] });
    await expect.poll(() => rahimov.count()).toBe(0);
  });

  it("links one mention to an entity found by search", async () => {
    const acronym = (await proposals()).find((p) => p.exact === "PSB")!;
    const bureau = group(/Provincial Security Bureau/);
    await bureau.getByRole("button", { name: "Show mentions" }).click();
    await bureau.getByRole("checkbox", { name: /^Choose “PSB”/ }).check();
    await bureau.getByRole("button", { name: "Link 1 chosen to…" }).click();
    await bureau.getByRole("searchbox").fill("Kuomintang");
    await bureau.getByRole("button", { name: /^Kuomintang/ }).click();
    await expect.poll(() => status().textContent()).toMatch(/^1 mention of .* linked to Kuomintang\. Undo$/);
    expect((await proposals()).find((p) => p.id === acronym.id)).toMatchObject({ entity: { id: "kuomintang" } });
    await expect.poll(() => group("Kuomintang").textContent()).toContain("“PSB”");
  });

  it("splits chosen mentions off a group, and merges two groups", async () => {
    const qasimi = group("Ahmetjan Qasimi");
    await qasimi.getByRole("button", { name: "Show mentions" }).click();
    await qasimi.getByRole("checkbox", { name: /^Choose “Achmad-Jan”/ }).check();
    await qasimi.getByRole("button", { name: "Split 1 chosen off" }).click();
    await expect.poll(() => status().textContent()).toBe("1 mention split off Ahmetjan Qasimi. Undo");
    const split = (await proposals()).find((p) => p.exact === "Achmad-Jan")!;
    expect(split.entity).toBeNull();
    const splitGroup = page.locator(`[data-group="${split.group}"]`);
    await expect.poll(() => splitGroup.count()).toBe(1);

    await qasimi.getByRole("checkbox", { name: "Choose to merge" }).check();
    await splitGroup.getByRole("checkbox", { name: "Choose to merge" }).check();
    await page.getByRole("button", { name: "Merge 2 chosen groups" }).click();
    await expect.poll(() => status().textContent()).toBe(`${split.name} merged into Ahmetjan Qasimi. Undo`);
    const merged = (await proposals()).filter((p) => p.entity?.id === "ahmetjan-qasimi").map((p) => p.exact);
    expect(merged.sort()).toEqual(["Achmad-Jan", "Ahmetjan Kasimi"]);
  });

  it("accepts all after a confirmation", async () => {
    await page.getByRole("button", { name: "Accept all", exact: true }).click();
    await page.getByRole("button", { name: "Yes, accept them" }).click();
    await expect.poll(() => status().textContent()).toMatch(/^\d+ mentions in \d+ groups accepted\. Undo$/);
    expect(await proposals()).toEqual([]);
    expect(await page.getByText("Every proposed name has been reviewed.").count()).toBe(1);
    await page.keyboard.press("ControlOrMeta+z");
    await expect.poll(async () => (await proposals()).length).toBeGreaterThan(0);
  });

  it("has no WCAG 2.2 A/AA violation at 390 and 1440 px, light and dark", async () => {
    await page.goto(review);
    await page.getByRole("button", { name: "Show mentions" }).first().click();
    await page.getByRole("button", { name: "Keys" }).click();
    const found: Record<string, string[]> = {};
    for (const width of [390, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        const seen = await axeViolations(page);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        if (wide) seen.push("wider than the screen");
        if (seen.length > 0) found[`${width} px, ${colorScheme}`] = seen;
        await page.screenshot({ path: path.join(artifacts, `review-${width}-${colorScheme}.png`), fullPage: true });
      }
    }
    expect(found).toEqual({});
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });
  });
});

describe("dates for the timeline", () => {
  it("are accepted or rejected one by one, and the accepted one is on the timeline", async () => {
    await page.goto(review);
    const dates = page.locator("[data-date-proposal]");
    await expect.poll(() => dates.count()).toBe(2);
    const march = dates.filter({ hasText: "14 March 1947" });
    const april = dates.filter({ hasText: "April 1948" });
    expect(await march.locator("strong").textContent()).toBe("14 March 1947");
    expect(await march.textContent()).toContain("(1947-03-14)");
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/proposals/dates")) requests.push(r.postData() ?? "");
    });
    await march.getByRole("button", { name: /^Accept 14 March 1947/ }).click();
    await expect
      .poll(() => page.locator("[data-date-status]").textContent())
      .toBe("“14 March 1947” added to the timeline. See the timeline");
    await expect.poll(() => dates.count()).toBe(1);
    await april.getByRole("button", { name: /^Reject April 1948/ }).click();
    await expect.poll(() => page.locator("[data-date-status]").textContent()).toBe("“April 1948” rejected. See the timeline");
    expect(requests.map((r) => JSON.parse(r).action)).toEqual(["accept", "reject"]);
    expect(await page.getByText("No dated statement is waiting for review.").count()).toBe(1);

    await page.getByRole("link", { name: "See the timeline" }).click();
    await page.waitForURL(`${baseUrl}/documents/${slug}/timeline`);
    const timeline = (await page.locator("main").textContent()) ?? "";
    expect(timeline).toContain("The delegates left on 14 March 1947.");
    expect(timeline).not.toContain("The second delegation came in April 1948.");
  });
});

describe("after review", () => {
  it("the reader shows an accepted proposal as a name like any other, and no dash on it", async () => {
    // Rahimov's group was accepted by its button above.
    await page.goto(`${baseUrl}/documents/${slug}`);
    const mention = page.locator("#text a.mention", { hasText: "Rahimov" }).first();
    await mention.waitFor();
    expect(await mention.getAttribute("data-kind")).toBe("person");
    const pending = await proposals();
    expect(pending.some((p) => p.exact === "Rahimov")).toBe(false);
    await expect.poll(async () => (await proposalsShown(page)).dashed).toBe(pending.length);
  });
});

fs.mkdirSync(artifacts, { recursive: true });
