import path from "node:path";
import axe from "axe-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";

const baseUrl = inject("baseUrl");
const SLUG = "second-east-turkistan-republic";
const TIMELINE = `${baseUrl}/documents/${SLUG}/timeline`;
const artifacts = path.resolve(__dirname, "../artifacts");

interface Claim {
  id: string;
  statement: string;
  date: { value: string; end?: string; precision: "year" | "month" | "day"; approximate: boolean } | null;
  evidence: Array<{ passageId: string; passageLabel: string }>;
}
type DatedClaim = Claim & { date: NonNullable<Claim["date"]> };

let browser: Browser;
const open = (url: string, options: Parameters<Browser["newPage"]>[0] = {}) => openPage(browser, url, options);
let dated: DatedClaim[];

beforeAll(async () => {
  browser = await launchBrowser();
  const claims: Claim[] = (await (await fetch(`${baseUrl}/api/documents/${SLUG}/claims`)).json()).claims;
  dated = claims.filter((c): c is DatedClaim => c.date !== null);
});

afterAll(async () => {
  await browser?.close();
});

const marks = (page: Page) => page.locator("svg a[data-mark]");
const markIds = (page: Page) => marks(page).evaluateAll((all) => all.map((a) => a.getAttribute("data-mark")));
const focusedMark = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-mark") ?? null);
const firstYear = (c: DatedClaim) => Number(c.date.value.slice(0, 4));
const lastYear = (c: DatedClaim) => Number((c.date.end ?? c.date.value).slice(0, 4));
/** The claims whose date, as the text gives it, touches the years from..to. */
const between = (from: number, to: number) => dated.filter((c) => firstYear(c) <= to && lastYear(c) >= from);

describe("the timeline of claims", () => {
  it("draws every dated claim: exact days as circles, vaguer dates as hatched intervals, approximate ones dashed", async () => {
    expect(dated.length).toBeGreaterThan(0);
    const page = await open(TIMELINE);
    expect(await page.locator("h1").textContent()).toBe("Timeline of the claims");
    expect((await markIds(page)).sort()).toEqual(dated.map((c) => c.id).sort());

    const exact = dated.find((c) => c.date.precision === "day" && !c.date.approximate && !c.date.end)!;
    const exactMark = page.locator(`a[data-mark="${exact.id}"]`);
    expect(await exactMark.getAttribute("data-shape")).toBe("point");
    expect(await exactMark.locator("circle").count()).toBe(1);

    const vague = dated.find((c) => c.date.precision !== "day" && !c.date.approximate && !c.date.end)!;
    const vagueShape = page.locator(`a[data-mark="${vague.id}"] rect:not([data-ring])`);
    expect(await page.locator(`a[data-mark="${vague.id}"] circle`).count()).toBe(0);
    expect(await vagueShape.getAttribute("fill")).toBe("url(#timeline-hatch)");
    expect(await vagueShape.evaluate((el) => getComputedStyle(el).strokeDasharray)).toBe("none");

    const approximate = dated.find((c) => c.date.approximate && !c.date.end);
    expect(approximate, "an approximate date in the claims").toBeDefined();
    const approximateMark = page.locator(`a[data-mark="${approximate!.id}"]`);
    expect(await approximateMark.getAttribute("data-shape")).toBe("interval");
    const approximateShape = approximateMark.locator("rect:not([data-ring])");
    expect(await approximateShape.getAttribute("fill")).toBe("url(#timeline-hatch-approximate)");
    expect(await approximateShape.evaluate((el) => getComputedStyle(el).strokeDasharray)).not.toBe("none");
    // Widened beyond what the text says; a date given exactly is drawn as what the text says.
    const spans = (id: string) =>
      page
        .locator(`a[data-mark="${id}"]`)
        .evaluate((a) => ["data-from", "data-to", "data-drawn-from", "data-drawn-to"].map((name) => Number(a.getAttribute(name))));
    const [from, to, drawnFrom, drawnTo] = await spans(approximate!.id);
    expect(drawnFrom).toBeLessThan(from);
    expect(drawnTo).toBeGreaterThan(to);
    const [vagueFrom, vagueTo, vagueDrawnFrom, vagueDrawnTo] = await spans(vague.id);
    expect([vagueDrawnFrom, vagueDrawnTo]).toEqual([vagueFrom, vagueTo]);

    const period = dated.find((c) => c.date.end && c.date.end !== c.date.value);
    if (period) expect(await page.locator(`a[data-mark="${period.id}"]`).getAttribute("data-shape")).toBe("period");

    const legend = await page.getByRole("list", { name: "Legend" }).textContent();
    for (const term of ["Exact day", "Month or year only", "Approximate", "Period"]) expect(legend).toContain(term);
    const axis = await page.locator("svg g[aria-hidden] text").allTextContents();
    expect(axis).toContain("1940");
    expect(axis).toContain("2010");
    expect(await page.getByRole("link", { name: /^all,/ }).getAttribute("aria-current")).toBe("true");
    await page.screenshot({ path: path.join(artifacts, "timeline.png"), fullPage: true });
    await page.close();
  });

  it("names each mark by its claim and date, and lists the same claims in the same date order below", async () => {
    const page = await open(TIMELINE);
    const claim = dated[0];
    const mark = page.locator(`a[data-mark="${claim.id}"]`);
    expect(await mark.getAttribute("aria-label")).toContain(claim.statement);
    expect(await mark.locator("title").textContent()).toBe(await mark.getAttribute("aria-label"));
    expect(await mark.getAttribute("href")).toBe(`/documents/${SLUG}?claim=${claim.id}`);

    const rows = await page.locator("tr[data-claim-row]").evaluateAll((all) => all.map((tr) => tr.getAttribute("data-claim-row")));
    expect(rows).toEqual(await markIds(page));
    const starts = await marks(page).evaluateAll((all) => all.map((a) => Number(a.getAttribute("data-from"))));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));

    const withEvidence = dated.find((c) => c.evidence.length > 0)!;
    const row = page.locator(`tr[data-claim-row="${withEvidence.id}"]`);
    expect(await row.textContent()).toContain(withEvidence.statement);
    const evidenceLink = row.locator(`a[href="/documents/${SLUG}#${withEvidence.evidence[0].passageId}"]`).first();
    expect(await evidenceLink.textContent()).toBe(withEvidence.evidence[0].passageLabel);
    await page.close();
  });

  it("zooms to a decade and to a year, showing only their claims", async () => {
    const page = await open(TIMELINE);
    const zoom = page.getByRole("navigation", { name: "Zoom" });
    await zoom.getByRole("link", { name: "1940s" }).click();
    await page.waitForURL(`${TIMELINE}?decade=1940`);
    expect(await zoom.getByRole("link", { name: "1940s" }).getAttribute("aria-current")).toBe("true");
    await expect
      .poll(async () => (await markIds(page)).sort())
      .toEqual(
        between(1940, 1949)
          .map((c) => c.id)
          .sort(),
      );

    await zoom.getByRole("link", { name: "1949", exact: true }).click();
    await page.waitForURL(`${TIMELINE}?year=1949`);
    expect(await zoom.getByRole("link", { name: "1949", exact: true }).getAttribute("aria-current")).toBe("true");
    expect(await zoom.getByRole("link", { name: /^all,/ }).getAttribute("aria-current")).toBeNull();
    const in1949 = between(1949, 1949);
    expect(in1949.length).toBeGreaterThan(0);
    await expect.poll(async () => (await markIds(page)).sort()).toEqual(in1949.map((c) => c.id).sort());
    const spans = await marks(page).evaluateAll((all) =>
      all.map((a) => [Number(a.getAttribute("data-from")), Number(a.getAttribute("data-to"))]),
    );
    for (const [from, to] of spans) {
      expect(from).toBeLessThan(1950);
      expect(to).toBeGreaterThan(1949);
    }
    const axis = await page.locator("svg g[aria-hidden] text").allTextContents();
    expect(axis).toEqual(["1949", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "1950"]);
    expect(await page.locator("tr[data-claim-row]").count()).toBe(in1949.length);
    await page.close();
  });

  it("falls back to the whole span for a zoom it does not offer", async () => {
    for (const query of ["year=abc", "decade=1945", "year=1800", "decade=1940&decade=1950", "year=99999"]) {
      const response = await fetch(`${TIMELINE}?${query}`);
      expect(response.status, query).toBe(200);
      const html = await response.text();
      expect(html.match(/data-mark="/g)?.length, query).toBe(dated.length);
      expect(html, query).toMatch(/aria-current="true"[^>]*>all,/);
    }
    expect((await fetch(`${baseUrl}/documents/no-such-document/timeline`)).status).toBe(404);
  });

  it("moves between marks with the arrow keys, Home and End, with a visible focus ring and tooltip", async () => {
    const page = await open(TIMELINE);
    const ids = await markIds(page);
    await page.getByRole("link", { name: /^all,/ }).focus();
    // Tab goes through the zoom links and into the marks, in date order.
    for (let i = 0; i < 60 && (await focusedMark(page)) !== ids[0]; i++) await page.keyboard.press("Tab");
    expect(await focusedMark(page)).toBe(ids[0]);
    await page.keyboard.press("Tab");
    expect(await focusedMark(page)).toBe(ids[1]);
    await page.keyboard.press("ArrowRight");
    expect(await focusedMark(page)).toBe(ids[2]);
    await page.keyboard.press("ArrowLeft");
    expect(await focusedMark(page)).toBe(ids[1]);
    await page.keyboard.press("End");
    expect(await focusedMark(page)).toBe(ids[ids.length - 1]);
    await page.keyboard.press("ArrowRight");
    expect(await focusedMark(page)).toBe(ids[ids.length - 1]);
    await page.keyboard.press("Home");
    expect(await focusedMark(page)).toBe(ids[0]);

    const ring = page.locator(`a[data-mark="${ids[0]}"] [data-ring]`);
    const focusColour = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--focus").trim());
    const stroke = await ring.evaluate((el) => getComputedStyle(el).stroke);
    expect(stroke).not.toBe("transparent");
    expect(stroke).not.toBe("rgba(0, 0, 0, 0)");
    expect(focusColour).not.toBe("");
    const tooltip = page.locator("[data-tooltip]");
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    const first = dated.find((c) => c.id === ids[0])!;
    expect(await tooltip.textContent()).toContain(first.statement);

    await page.keyboard.press("ArrowRight");
    await expect.poll(() => tooltip.textContent()).toContain(dated.find((c) => c.id === ids[1])!.statement);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseUrl}/documents/${SLUG}?claim=${ids[1]}`);
    await page.close();
  });

  it("shows a mark's claim on hover and follows it to the reader", async () => {
    const page = await open(`${TIMELINE}?year=1949`);
    const mark = marks(page).first();
    const id = await mark.getAttribute("data-mark");
    await mark.hover();
    await expect.poll(() => page.locator("[data-tooltip]").isVisible()).toBe(true);
    expect(await page.locator("[data-tooltip]").textContent()).toContain(dated.find((c) => c.id === id)!.statement);
    await mark.click();
    await page.waitForURL(`${baseUrl}/documents/${SLUG}?claim=${id}`);
    expect(new URL(page.url()).searchParams.get("claim")).toBe(id);
    await page.close();
  });

  it("works with JavaScript off: marks and zoom are plain links", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(TIMELINE);
    expect(await marks(page).count()).toBe(dated.length);
    await page.getByRole("navigation", { name: "Zoom" }).getByRole("link", { name: "1949", exact: true }).click();
    await page.waitForURL(`${TIMELINE}?year=1949`);
    expect(await marks(page).count()).toBe(between(1949, 1949).length);
    const id = await marks(page).first().getAttribute("data-mark");
    await marks(page).first().click();
    await page.waitForURL(`${baseUrl}/documents/${SLUG}?claim=${id}`);
    await context.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`does not overflow a 375 px phone and has no WCAG A/AA violations (${colorScheme})`, async () => {
      const page = await open(TIMELINE, { viewport: { width: 375, height: 800 }, colorScheme, isMobile: true, hasTouch: true });
      for (const url of [TIMELINE, `${TIMELINE}?year=1949`]) {
        await page.goto(url);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(375);
        expect(await marks(page).count()).toBeGreaterThan(0);
      }
      await page.screenshot({ path: path.join(artifacts, `timeline-phone-${colorScheme}.png`), fullPage: true });
      await page.evaluate(axe.source);
      const results = await page.evaluate(() =>
        (window as unknown as { axe: typeof axe }).axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        }),
      );
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")})`)).toEqual([]);
      await page.close();
    });
  }
});
