import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EDITION_SLUG } from "../support/edition";
import { axeViolations, focusUntilCardOpens, launchBrowser, openPage } from "./browser";

// The document's map: the seed's places with coordinates (from the gazetteer on import, and
// Ghulja's set here, as an editor would), a point each, visited by Tab west to east, with the
// places listed beside it; light and dark, 390 and 1440 px.

const baseUrl = inject("baseUrl");
process.env.DATABASE_URL = inject("databaseUrl");
const MAP = `${baseUrl}/documents/${EDITION_SLUG}/map`;
const artifacts = path.resolve(__dirname, "../artifacts");
const run = Date.now().toString(36);
const PRIVATE_SLUG = `map-private-${run}`;

interface ApiEntity {
  id: string;
  name: string;
  kind: string;
  coordinates: { latitude: number; longitude: number; source: string } | null;
  mentions: unknown[];
}

let browser: Browser;
let dir: string;
let places: ApiEntity[];
let ghuljaBefore: { latitude: number | null; longitude: number | null; coordinatesSource: string | null };

const db = async () => (await import("@/lib/db")).getDb();
const points = (page: Page) => page.locator("svg[data-map] a[data-place]");
const times = (n: number) => (n === 1 ? "1 mention" : `${n} mentions`);

beforeAll(async () => {
  ghuljaBefore = await (
    await db()
  ).entity.findUniqueOrThrow({
    where: { id: "ghulja" },
    select: { latitude: true, longitude: true, coordinatesSource: true },
  });
  await (await db()).entity.update({ where: { id: "ghulja" }, data: { latitude: 43.91, longitude: 81.28, coordinatesSource: "editor" } });
  const listed = (await (await fetch(`${baseUrl}/api/documents/${EDITION_SLUG}/entities`)).json()) as { entities: ApiEntity[] };
  places = listed.entities.filter((e) => e.kind === "place");
  browser = await launchBrowser();
  fs.mkdirSync(artifacts, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-map-"));
});

afterAll(async () => {
  await browser?.close();
  await (await db()).entity.update({ where: { id: "ghulja" }, data: ghuljaBefore });
  await (await db()).document.deleteMany({ where: { slug: PRIVATE_SLUG } });
  await (await import("@/lib/db")).disconnectDb();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the document's map", () => {
  it("is linked from the reader, beside the index of names", async () => {
    const page = await openPage(browser, `${baseUrl}/documents/${EDITION_SLUG}`);
    await page.getByRole("link", { name: "Map of places" }).click();
    await page.waitForURL(MAP);
    expect(await page.locator("h1").textContent()).toBe("Map of the places");
    await page.close();
  });

  it("puts each place with coordinates on the map, named with its mentions, and lists every place", async () => {
    const located = places.filter((p) => p.coordinates);
    // The gazetteer placed the seed's cities on import (Kashgar, Ürümqi as Urumchi, ...), not its countries or regions.
    expect(located.find((p) => p.id === "kashgar")?.coordinates?.source).toBe("gazetteer");
    expect(places.find((p) => p.id === "china")?.coordinates).toBeNull();
    const page = await openPage(browser, MAP);
    const names = await points(page).evaluateAll((all) =>
      all.map((a) => [a.getAttribute("data-place"), a.getAttribute("aria-label")] as const),
    );
    expect(new Map(names)).toEqual(new Map(located.map((p) => [p.id, `${p.name}, ${times(p.mentions.length)}`])));
    const ghulja = places.find((p) => p.id === "ghulja")!;
    expect(await page.getByRole("link", { name: `Ghulja, ${times(ghulja.mentions.length)}` }).count()).toBe(1);
    // A point's area follows its mentions: the most named has the largest.
    const radius = async (id: string) => Number(await page.locator(`a[data-place="${id}"] circle`).first().getAttribute("r"));
    const most = located.reduce((a, b) => (b.mentions.length > a.mentions.length ? b : a));
    const least = located.reduce((a, b) => (b.mentions.length < a.mentions.length ? b : a));
    expect(await radius(most.id)).toBeGreaterThan(await radius(least.id));
    // The list holds every place, those without coordinates said to be so.
    const rows = page.locator("[data-place-row]");
    expect(await rows.count()).toBe(places.length);
    expect(await page.locator('[data-place-row="china"]').textContent()).toContain("no coordinates");
    expect(await page.locator('[data-place-row="ghulja"]').textContent()).not.toContain("no coordinates");
    await page.close();
  });

  it("is visited by Tab from west to east, and Enter opens a place's page", async () => {
    const page = await openPage(browser, MAP);
    const order = await points(page).evaluateAll((all) => all.map((a) => a.getAttribute("data-place")!));
    const longitude = new Map(places.map((p) => [p.id, p.coordinates?.longitude ?? NaN]));
    expect(order.map((id) => longitude.get(id)!)).toEqual([...order.map((id) => longitude.get(id)!)].sort((a, b) => a - b));
    // From the link before the map (the breadcrumb), Tab reaches every point in turn, then the list.
    await page.locator(".breadcrumbs a").focus();
    const visited: string[] = [];
    for (let i = 0; i < order.length; i++) {
      await page.keyboard.press("Tab");
      visited.push(await page.evaluate(() => document.activeElement?.getAttribute("data-place") ?? ""));
    }
    expect(visited).toEqual(order);
    // The focused point shows a ring in the focus colour.
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement!.querySelector("circle:nth-of-type(2)")!).stroke);
    expect(ring).not.toBe("none");
    expect(ring).not.toBe("rgba(0, 0, 0, 0)");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("[data-place-row]") !== null)).toBe(true);
    await page.keyboard.press("Shift+Tab");
    const last = order[order.length - 1];
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseUrl}/entities/${last}`);
    // The place's page shows it on a small map too.
    expect(await page.locator("svg[data-map][role=img]").getAttribute("aria-label")).toMatch(
      / on a map, at \d+\.\d\d° [NS], \d+\.\d\d° [EW]$/,
    );
    await page.close();
  });

  it("has no WCAG 2.2 A/AA violation at 390 and 1440 px, light and dark, and fits the screen", async () => {
    for (const width of [390, 1440]) {
      for (const colorScheme of ["light", "dark"] as const) {
        const page = await openPage(browser, MAP, { viewport: { width, height: 1000 }, colorScheme });
        expect(await axeViolations(page), `${width} px, ${colorScheme}`).toEqual([]);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
        await page.screenshot({ path: path.join(artifacts, `map-${width}-${colorScheme}.png`), fullPage: true });
        if (width === 1440) {
          const entity = await openPage(browser, `${baseUrl}/entities/ghulja`, { viewport: { width, height: 1000 }, colorScheme });
          await entity.screenshot({ path: path.join(artifacts, `map-entity-${colorScheme}.png`) });
          await entity.close();
        }
        await page.close();
      }
    }
    // The SVG stays small: the region's outlines and the points.
    const html = await (await fetch(MAP)).text();
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
    expect(svg.length).toBeLessThan(60_000);
  });

  it("shows a place on a small map in the reader's entity card", async () => {
    const page = await openPage(browser, `${baseUrl}/documents/${EDITION_SLUG}`);
    await focusUntilCardOpens(page, page.locator('a.mention[href="/entities/ghulja"]').first());
    const image = page.locator(".entity-card img[data-entity-map]");
    await image.waitFor();
    expect(await image.getAttribute("alt")).toBe("Ghulja on a map");
    await page.waitForFunction(
      () => (document.querySelector<HTMLImageElement>(".entity-card img[data-entity-map]")?.naturalWidth ?? 0) > 0,
    );
    // A place without coordinates has no map, and its image address is not there.
    await page.locator('a.mention[href="/entities/china"]').first().focus();
    await page.locator('.entity-card[data-kind="place"] h2', { hasText: "China" }).waitFor();
    expect(await page.locator(".entity-card img[data-entity-map]").count()).toBe(0);
    expect((await fetch(`${baseUrl}/entities/china/map.svg`)).status).toBe(404);
    const svg = await fetch(`${baseUrl}/entities/ghulja/map.svg`);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    await page.close();
  });

  it("lets an editor set a place's coordinates on its page, and says what is wrong with a bad value", async () => {
    const email = `map-editor-${run}@example.org`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-up?next=${encodeURIComponent("/entities/kucha")}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("editor-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${baseUrl}/entities/kucha`);
    // An annotator sees no coordinates form.
    expect(await page.locator("#coordinates").count()).toBe(0);
    await (await db()).user.update({ where: { email }, data: { role: "editor" } });
    await page.reload();
    expect(await page.locator("[data-coordinates]").textContent()).toBe("Not known");
    await page.getByText("Set the coordinates").click();
    await page.getByLabel("Latitude (−90 to 90)").fill("95");
    await page.getByLabel("Longitude (−180 to 180)").fill("82.96");
    await page.getByRole("button", { name: "Save the coordinates" }).click();
    await page.waitForURL(/coordinatesError=/);
    expect(await page.locator("#coordinates [role=alert]").textContent()).toMatch(/^coordinates\.latitude: /);
    await page.getByLabel("Latitude (−90 to 90)").fill("41.72");
    await page.getByLabel("Longitude (−180 to 180)").fill("82.96");
    await page.getByRole("button", { name: "Save the coordinates" }).click();
    await page.waitForURL(/coordinatesSaved=1/);
    expect(await page.locator("[data-coordinates]").textContent()).toBe("41.72° N, 82.96° E (set by an editor)");
    expect(await page.locator("svg[data-map][role=img]").count()).toBe(1);
    // On the document's map at once.
    await page.goto(MAP);
    expect(await page.locator('a[data-place="kucha"]').getAttribute("aria-label")).toBe("Kucha, 1 mention");
    await context.close();
    await (await db()).entity.update({ where: { id: "kucha" }, data: { latitude: null, longitude: null, coordinatesSource: null } });
    await (await db()).user.delete({ where: { email } });
  });

  it("does not exist for anyone but the owner of a private document", async () => {
    fs.writeFileSync(
      path.join(dir, `${PRIVATE_SLUG}.md`),
      "---\ntitle: A private text\nlanguage: en\nauthor: unknown\npublisher: unknown\nurl: unknown\npublished: unknown\n---\n\nKashgar is a city.\n",
    );
    const { importDocument } = await import("@/lib/documents/import-document");
    await importDocument(await db(), path.join(dir, `${PRIVATE_SLUG}.md`));
    const owner = await (
      await db()
    ).user.create({
      data: { id: `map-owner-${run}`, email: `map-owner-${run}@example.org`, name: "Owner", emailVerified: false },
    });
    await (await db()).document.update({ where: { slug: PRIVATE_SLUG }, data: { visibility: "private", ownerId: owner.id } });
    const response = await fetch(`${baseUrl}/documents/${PRIVATE_SLUG}/map`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("A private text");
    await (await db()).user.delete({ where: { id: owner.id } });
  });
});
