import { describe, expect, it } from "vitest";
import { blocksFromHtml, readHtml } from "@/lib/sources/read-html";
import { ImportFailure, type SourceDocument } from "@/lib/sources/source-document";
import { randomBytes } from "@/tests/fixtures/sources/hostile-zips";
import { SEED_PAGE_FURNITURE, seedEdition, seedPage } from "@/tests/fixtures/sources/seed-page";

const read = (html: string | Uint8Array): Promise<SourceDocument> =>
  readHtml({ bytes: typeof html === "string" ? new TextEncoder().encode(html) : html, name: "page.html" });

/** A page whose article is long enough for Readability to take it as the main content. */
const page = (article: string, head = "", furniture = "", after = "") => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">${head}</head>
<body>${furniture}<main><article>
<p>The Ili rebellion began in the autumn of 1944, when rebels took the town of Nilka and then Ghulja itself, and within months they held the three districts of the north.</p>
${article}
</article></main>${after}</body></html>`;

async function failure(promise: Promise<unknown>): Promise<ImportFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFailure);
  return error as ImportFailure;
}

describe("readHtml: the seed edition saved as a web page", () => {
  it("gives the seed's passages' texts and kinds in order, and none of the page's furniture", async () => {
    const { passages } = seedEdition();
    const document = await read(seedPage());
    const texts = document.blocks.map((block) => block.text);
    expect(texts).toEqual(passages.map((passage) => passage.text));
    expect(document.blocks.map((block) => block.kind)).toEqual(passages.map((passage) => passage.kind));
    const exact = passages.filter((passage, i) => document.blocks[i]?.text === passage.text).length;
    expect(exact).toBe(passages.length);
    const all = texts.join("\n");
    for (const furniture of SEED_PAGE_FURNITURE) expect(all).not.toContain(furniture);
  });

  it("keeps the lists' numbers and the quotes apart", async () => {
    const { passages } = seedEdition();
    const document = await read(seedPage());
    const lists = (items: Array<{ attrs?: unknown; list?: unknown }>) => items.map((item) => JSON.stringify(item));
    expect(lists(document.blocks.filter((b) => b.list).map((b) => ({ list: b.list })))).toEqual(
      lists(passages.filter((p) => p.attrs.list).map((p) => ({ list: p.attrs.list }))),
    );
    expect(document.blocks.filter((b) => b.kind === "quote").map((b) => b.quote)).toEqual(
      passages.filter((p) => p.kind === "quote").map((p) => p.attrs.quote!.index),
    );
  });

  it("reads the page's metadata: the work's title without the site's name, author, date, site, address, language", async () => {
    const document = await read(seedPage());
    expect(document.format).toBe("html");
    expect(document.metadata).toEqual({
      title: "Second East Turkistan Republic",
      authors: ["Editorial Staff"],
      date: "2019-11-12",
      publisher: "East Turkistan Government in Exile",
      url: "https://east-turkistan.example/second-east-turkistan-republic/",
      language: "en-US",
    });
  });
});

describe("readHtml: scripts, styles and hostile markup", () => {
  it("never reads a script's, style's or handler's text, and keeps no markup", async () => {
    const document = await read(
      page(
        `<script>document.body.innerHTML = "<p>Injected by script</p>";</script>
<style>p::after { content: "Styled in"; }</style>
<p>Before the image <img src="x" onerror="alert('onerror ran')"> after it.</p>
<noscript><p>Enable JavaScript to read</p></noscript>
<p>Text that speaks of &lt;script&gt; tags, as words.</p>
<svg><text>Drawn text</text><script>alert(1)</script></svg>
<template><p>Template text</p></template>`,
        `<script>var tracker = "in the head";</script><style>body{color:red}</style>`,
      ),
    );
    const all = document.blocks.map((block) => block.text).join("\n");
    for (const hidden of [
      "Injected",
      "innerHTML",
      "Styled in",
      "onerror",
      "alert",
      "Enable JavaScript",
      "tracker",
      "color:red",
      "Template text",
    ]) {
      expect(all).not.toContain(hidden);
    }
    expect(all).toContain("Before the image after it.");
    expect(all).toContain("Text that speaks of <script> tags, as words.");
  });

  it("fails with empty for a page with only navigation and furniture", async () => {
    const error = await failure(
      read(`<!DOCTYPE html><html><head><title>Home | Site</title></head><body>
<header><button class="menu-toggle">Menu Close</button><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav></header>
<div class="cookie-notice"><p>We use cookies.</p><button>Accept</button></div>
<footer><p>© Site</p></footer></body></html>`),
    );
    expect(error.code).toBe("empty");
    expect(error.message).toContain("no text");
  });

  it("fails with unreadable, not another error, for markup nested five thousand elements deep", async () => {
    const deep = `${"<div>".repeat(5_000)}<p>Deep.</p>${"</div>".repeat(5_000)}`;
    const error = await failure(read(`<html><body>${deep}</body></html>`));
    expect(error.code).toBe("unreadable");
    expect(error.message).toContain("nested more than 512 elements deep");
  });

  it("fails with unreadable for bytes that are not text", async () => {
    const error = await failure(read(randomBytes(8192)));
    expect(error.code).toBe("unreadable");
    expect(error.message).toBe("The file is not a web page: its bytes are not text.");
  });
});

describe("readHtml: blocks", () => {
  it("reads headings, paragraphs, lists with their numbers, quotes and figures' captions", async () => {
    const document = await read(
      page(`<h2>The   Three\u00a0Districts</h2>
<p>Ili, Tarbagatay and\u00a0\u00a0Altay<br>formed the republic.</p>
<p>   </p>
<ol start="3"><li>Third point;</li><li>Fourth <em>point</em>.</li></ol>
<ul><li>A bullet<ul><li>A nested bullet</li></ul></li></ul>
<blockquote><p>First quoted paragraph.</p><p>Second quoted paragraph.</p></blockquote>
<figure><img src="a.jpg" alt="A photograph"><figcaption>Ehmetjan Qasimi in 1947.</figcaption></figure>
<blockquote>A bare quotation.</blockquote>`),
    );
    expect(document.blocks.slice(1)).toEqual([
      { kind: "heading", text: "The Three Districts", depth: 2 },
      { kind: "paragraph", text: "Ili, Tarbagatay and Altay formed the republic." },
      { kind: "list_item", text: "Third point;", list: { index: 1, ordered: true, item: 3 } },
      { kind: "list_item", text: "Fourth point.", list: { index: 1, ordered: true, item: 4 } },
      { kind: "list_item", text: "A bullet", list: { index: 2, ordered: false, item: 1 } },
      { kind: "list_item", text: "A nested bullet", list: { index: 3, ordered: false, item: 1 } },
      { kind: "quote", text: "First quoted paragraph.", quote: 1 },
      { kind: "quote", text: "Second quoted paragraph.", quote: 1 },
      { kind: "caption", text: "Ehmetjan Qasimi in 1947." },
      { kind: "quote", text: "A bare quotation.", quote: 2 },
    ]);
  });

  it("reads marked footnotes as footnote blocks with their numbers, without their links back", async () => {
    const document = await read(
      page(
        `<p>Of the crash (see the <a href="#fn2">note</a> and the <a href="#note-a">aside</a>) little is known.<a href="#note-a">*</a></p>
<p>The delegation flew to Beijing.<sup><a href="#fn1" id="fnref1">1</a></sup> It never arrived.<sup><a href="#fn2" id="fnref2">2</a></sup></p>
<aside role="doc-footnote" id="note-a"><p>An aside note.</p></aside>`,
        "",
        "",
        `<section class="footnotes" role="doc-endnotes"><hr><ol>
<li id="fn1"><p>The crash was reported in August 1949. <a href="#fnref1" role="doc-backlink">↩︎</a></p></li>
<li id="fn2"><p>See the second note. <a href="#fnref2">↩</a></p></li>
</ol></section>`,
      ),
    );
    const notes = document.blocks.filter((block) => block.kind === "footnote");
    expect(notes).toEqual([
      { kind: "footnote", text: "An aside note.", note: "*" },
      { kind: "footnote", text: "The crash was reported in August 1949.", note: "1" },
      { kind: "footnote", text: "See the second note.", note: "2" },
    ]);
    expect(document.blocks.at(-1)!.kind).toBe("footnote");
    expect(document.blocks.map((block) => block.text)).toContain("The delegation flew to Beijing.1 It never arrived.2");
  });

  it("drops share buttons, cookie notices and comment forms in the article's container, and a site footer's \"footnote\"", async () => {
    const document = await read(
      page(
        `<div class="share-buttons"><a href="#">Share on Facebook</a></div>
<p>The second paragraph of the article, long enough to be its text.</p>
<div id="comments"><h3>Leave a Reply</h3><form><textarea></textarea><input type="submit" value="Post Comment"></form></div>`,
        "",
        `<div id="cookie-consent"><p>We use cookies to track you.</p></div>`,
        `<footer class="site-footer"><div class="footnote">© The site, all rights reserved.</div></footer>`,
      ),
    );
    const all = document.blocks.map((block) => block.text).join("\n");
    expect(all).toContain("The second paragraph");
    for (const furniture of ["Share on Facebook", "Leave a Reply", "Post Comment", "We use cookies", "rights reserved"]) {
      expect(all).not.toContain(furniture);
    }
  });

  it("reads a page that leaves its head and body implied", async () => {
    const document = await read(
      `<!doctype html><html lang="en"><title>Implied | Site</title><meta property="og:site_name" content="Site"><h1>Implied</h1><p>A paragraph the page never put in a body tag, and yet its text.</p>`,
    );
    expect(document.blocks).toEqual([{ kind: "paragraph", text: "A paragraph the page never put in a body tag, and yet its text." }]);
    expect(document.metadata).toMatchObject({ title: "Implied", publisher: "Site", language: "en" });
  });

  it("blocksFromHtml (the path of DOCX and EPUB, without Readability) never reads scripts, styles or templates", () => {
    const blocks = blocksFromHtml(
      `<p>Kept.<script>var injected = "script text";</script></p><style>p { color: red }</style><script>alert(1)</script><noscript>No script</noscript><template><p>Template</p></template><div>Also <b>kept</b>.<style>.x{}</style></div>`,
    );
    expect(blocks).toEqual([
      { kind: "paragraph", text: "Kept." },
      { kind: "paragraph", text: "Also kept." },
    ]);
  });

  it("blocksFromHtml reads a fragment as it stands, inline text in a container as a paragraph", () => {
    expect(blocksFromHtml(`<h1>Title</h1><div>Loose <b>text</b><p>A paragraph.</p>tail</div><nav>Contents</nav>`)).toEqual([
      { kind: "heading", text: "Title", depth: 1 },
      { kind: "paragraph", text: "Loose text" },
      { kind: "paragraph", text: "A paragraph." },
      { kind: "paragraph", text: "tail" },
    ]);
  });
});

describe("readHtml: decoding", () => {
  it("decodes by the meta charset (windows-1252), by a UTF-16 byte-order mark, and as UTF-8 otherwise", async () => {
    const latin = page(`<p>Ürümqi, café, naïve: the words of a page saved in an older code page.</p>`).replace(
      '<meta charset="utf-8">',
      '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    );
    const bytes = new Uint8Array(Buffer.from(latin, "latin1"));
    expect((await read(bytes)).blocks.map((b) => b.text)).toContain(
      "Ürümqi, café, naïve: the words of a page saved in an older code page.",
    );
    const utf16 = new Uint8Array(Buffer.from(`\ufeff${page("<p>Ghulja in UTF-16.</p>")}`, "utf16le"));
    expect((await read(utf16)).blocks.map((b) => b.text)).toContain("Ghulja in UTF-16.");
    expect((await read(page("<p>Ürümqi in UTF-8.</p>"))).blocks.map((b) => b.text)).toContain("Ürümqi in UTF-8.");
  });
});

describe("readHtml: metadata", () => {
  it("prefers citation_* tags: authors as written by people, dates in ISO 8601", async () => {
    const document = await read(
      page(
        "<p>Body.</p>",
        `<title>Journal site - Article</title>
<meta name="citation_title" content="The Ili Rebellion">
<meta name="citation_author" content="Qasimi, Ehmetjan">
<meta name="citation_author" content="Abdulkerim Abbasov">
<meta name="citation_publication_date" content="1947/05/09">
<meta name="citation_publisher" content="Ghulja Press">
<meta property="og:title" content="OG title">
<meta name="author" content="Someone Else">`,
      ),
    );
    expect(document.metadata).toMatchObject({
      title: "The Ili Rebellion",
      authors: ["Ehmetjan Qasimi", "Abdulkerim Abbasov"],
      date: "1947-05-09",
      publisher: "Ghulja Press",
      language: "en",
    });
  });

  it("reads JSON-LD articles (in a @graph too): headline, authors, date, publisher, address", async () => {
    const ld = {
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "WebSite", name: "Not this" },
        {
          "@type": ["NewsArticle"],
          headline: "Republic Declared in Ghulja",
          author: [{ "@type": "Person", name: "Ehmetjan Qasimi" }, "Alihan Töre"],
          datePublished: "1944-11-12T10:00:00+06:00",
          publisher: { "@type": "Organization", name: "Azat Sherqiy Türkistan" },
          url: "https://news.example/republic",
        },
      ],
    };
    const document = await read(
      page(
        "<p>Body.</p>",
        `<title>Republic Declared in Ghulja | News Site</title><script type="application/ld+json">${JSON.stringify(ld)}</script><script type="application/ld+json">{ broken</script>`,
      ),
    );
    expect(document.metadata).toEqual({
      title: "Republic Declared in Ghulja",
      authors: ["Ehmetjan Qasimi", "Alihan Töre"],
      date: "1944-11-12",
      publisher: "Azat Sherqiy Türkistan",
      url: "https://news.example/republic",
      language: "en",
    });
  });

  it("takes og:title over a <title> with the site's name, and strips the site's name from a <title> alone", async () => {
    const og = await read(page("<p>Body.</p>", `<title>Headline | Site</title><meta property="og:title" content="The Headline">`));
    expect(og.metadata.title).toBe("The Headline");
    const alone = await read(
      page("<p>Body.</p>", `<title>The Headline | Gloss Times</title><meta property="og:site_name" content="Gloss Times">`),
    );
    expect(alone.metadata).toMatchObject({ title: "The Headline", publisher: "Gloss Times" });
  });

  it("resolves a relative canonical link against og:url, and ignores an article:author that is an address", async () => {
    const document = await read(
      page(
        "<p>Body.</p>",
        `<link rel="canonical" href="/articles/7"><meta property="og:url" content="https://site.example/a?utm=1">
<meta property="article:author" content="https://facebook.com/someone"><meta name="author" content="Ehmetjan Qasimi and Abdulkerim Abbasov">
<meta property="article:published_time" content="2020-02-30T00:00:00Z">`,
      ),
    );
    expect(document.metadata.url).toBe("https://site.example/articles/7");
    expect(document.metadata.authors).toEqual(["Ehmetjan Qasimi", "Abdulkerim Abbasov"]);
    expect(document.metadata.date).toBeUndefined();
  });
});
