import { normaliseText } from "./html-blocks";
import { compactMetadata, httpUrl, isoDate, languageTag, personName, personNames, textValue } from "./metadata-values";
import type { SourceMetadata } from "./source-document";

/** JSON-LD types whose fields describe the page's own work. */
const ARTICLE_TYPES = /^(Article|NewsArticle|ScholarlyArticle|BlogPosting|Report|AnalysisNewsArticle|ReportageNewsArticle)$/;

interface JsonLdArticle {
  headline?: string;
  authors?: string[];
  datePublished?: string;
  publisher?: string;
  url?: string;
  inLanguage?: string;
}

/**
 * What a web page says of itself: Highwire's `citation_*` tags, JSON-LD `Article` (and its
 * kinds), Open Graph, `<title>`, `meta[name=author]`, `<link rel=canonical>` and `<html lang>`.
 * The work's own title wins over `<title>`, which usually carries the site's name as well
 * ("Headline | Site"); a `<title>` alone loses the site's name when the page gives it.
 */
export function htmlMetadata(document: Document): SourceMetadata {
  const metas = (key: string) =>
    [...document.querySelectorAll("meta")]
      .filter((meta) => [meta.getAttribute("name"), meta.getAttribute("property")].some((k) => k?.trim().toLowerCase() === key))
      .map((meta) => meta.getAttribute("content") ?? "")
      .filter((content) => normaliseText(content) !== "");
  const meta = (...keys: string[]) => keys.map((key) => metas(key)[0]).find((value) => value !== undefined);
  const ld = jsonLdArticle(document);

  const canonical = document.querySelector("link[rel~='canonical' i]")?.getAttribute("href");
  const ogUrl = httpUrl(meta("og:url"));
  const url = httpUrl(canonical, ogUrl) ?? ogUrl ?? httpUrl(ld.url) ?? httpUrl(meta("citation_public_url", "citation_abstract_html_url"));

  const publisher = textValue(meta("citation_publisher", "dc.publisher")) ?? textValue(ld.publisher) ?? textValue(meta("og:site_name"));
  const title =
    textValue(meta("citation_title")) ??
    textValue(ld.headline) ??
    textValue(meta("og:title")) ??
    textValue(meta("dc.title")) ??
    pageTitle(document, [publisher, meta("og:site_name"), meta("application-name")]);

  const citationAuthors = personNames(metas("citation_author"));
  const authors =
    citationAuthors ??
    ld.authors ??
    personNames(metas("article:author")) ??
    personNames(metas("author").flatMap((value) => value.split(/\s*;\s*|\s+(?:and|&)\s+/))) ??
    personNames(metas("dc.creator"));

  const date =
    isoDate(meta("citation_publication_date", "citation_date", "citation_online_date")) ??
    isoDate(ld.datePublished) ??
    isoDate(meta("article:published_time", "dc.date", "dc.date.issued", "date"));

  const language =
    languageTag(document.documentElement?.getAttribute("lang")) ??
    languageTag(document.documentElement?.getAttribute("xml:lang")) ??
    languageTag(meta("citation_language", "dc.language", "og:locale")) ??
    languageTag(ld.inLanguage);

  return compactMetadata({ title, authors, date, publisher, url, language });
}

/** `<title>`, without the site's name when it stands at one end behind a separator. */
function pageTitle(document: Document, siteNames: Array<string | undefined>): string | undefined {
  const title = textValue(document.querySelector("title")?.textContent);
  if (!title) return undefined;
  const sites = siteNames.map((name) => normaliseText(name ?? "").toLowerCase()).filter((name) => name !== "");
  const parts = title.split(/\s+[|–—·:»-]\s+/);
  if (parts.length > 1) {
    const first = parts[0].toLowerCase();
    const last = parts[parts.length - 1].toLowerCase();
    if (sites.includes(last)) return title.slice(0, title.length - parts[parts.length - 1].length).replace(/\s+[|–—·:»-]\s*$/, "");
    if (sites.includes(first)) return title.slice(parts[0].length).replace(/^\s*[|–—·:»-]\s+/, "");
  }
  return title;
}

/** The first JSON-LD object of an article type on the page (in `@graph` too), its fields read. */
function jsonLdArticle(document: Document): JsonLdArticle {
  for (const script of document.querySelectorAll("script[type='application/ld+json' i]")) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue; // A page's broken JSON-LD is no reason to refuse its text.
    }
    const article = findArticle(data, 0);
    if (article) return readArticle(article);
  }
  return {};
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

function findArticle(data: unknown, depth: number): JsonObject | undefined {
  if (depth > 4) return undefined;
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findArticle(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(data)) return undefined;
  const types = ([] as unknown[]).concat(data["@type"] ?? []);
  if (types.some((type) => typeof type === "string" && ARTICLE_TYPES.test(type))) return data;
  return findArticle(data["@graph"], depth + 1);
}

/** A JSON-LD value as text: a string, or an object's `name` (or `@value`). */
function jsonText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return jsonText(value[0]);
  if (isObject(value)) return jsonText(value.name ?? value["@value"]);
  return undefined;
}

function readArticle(article: JsonObject): JsonLdArticle {
  const authors = ([] as unknown[]).concat(article.author ?? []).map(jsonText);
  return {
    headline: jsonText(article.headline) ?? jsonText(article.name),
    authors: personNames(authors.map((name) => (name ? personName(name) : undefined))),
    datePublished: jsonText(article.datePublished) ?? jsonText(article.dateCreated),
    publisher: jsonText(article.publisher),
    url: jsonText(article.url) ?? jsonText(article["@id"]),
    inLanguage: jsonText(article.inLanguage),
  };
}
