import fs from "node:fs";
import path from "node:path";
import type { Element, Root, RootContent } from "hast";
import { describe, expect, it } from "vitest";
import { escapeDeepContainers, markdownToHtml, MAX_DEPTH, renderMarkdown } from "@/lib/annotations/markdown";

/** Every element of a hast tree, depth first (no recursion: the tree may be deep). */
function elements(tree: Root): Element[] {
  const out: Element[] = [];
  const stack: Array<Root | RootContent> = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "element") out.push(node);
    if ("children" in node) stack.push(...node.children);
  }
  return out;
}

/** The deepest nesting of elements in a hast tree. */
function depth(tree: Root): number {
  let max = 0;
  const stack: Array<[Root | RootContent, number]> = [[tree, 0]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    max = Math.max(max, d);
    if ("children" in node) for (const child of node.children) stack.push([child, child.type === "element" ? d + 1 : d]);
  }
  return max;
}

/** Only allowed elements, no event handler, and no URL with a scheme other than http(s) or mailto: in the HTML and in the tree. */
function assertInert(html: string, tree: Root) {
  // Text is escaped (`<` as `&#x3C;`), so every `<name` left in the HTML is a real tag.
  for (const [tag, name, attributes] of html.matchAll(/<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    expect(name.toLowerCase(), tag).not.toMatch(/^(script|iframe|object|embed|style|svg|math|form|link|meta|base|details|frame)$/);
    for (const [, attribute, value = ""] of attributes.matchAll(/\s([^\s=>]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      expect(attribute.toLowerCase().startsWith("on"), tag).toBe(false);
      if (/^(href|src|cite|longdesc)$/i.test(attribute)) expect(value.replace(/^["']/, ""), tag).toMatch(/^(https?:|mailto:|#|\/|[^:]*$)/i);
    }
  }
  for (const element of elements(tree)) {
    for (const [name, value] of Object.entries(element.properties ?? {})) {
      expect(name.toLowerCase().startsWith("on"), `${element.tagName} ${name}`).toBe(false);
      if (["href", "src", "cite", "longDesc"].includes(name)) expect(String(value)).toMatch(/^(https?:|mailto:|#|\/|[^:]*$)/i);
    }
  }
}

const render = (value: string) => {
  const html = markdownToHtml(value);
  assertInert(html, renderMarkdown(value));
  return html;
};

describe("renderMarkdown and markdownToHtml", () => {
  it("renders ordinary markdown: emphasis, links, lists, quotes and code", () => {
    expect(render("**strong** and *em*, [a link](https://example.org/x?y=1)")).toBe(
      '<p><strong>strong</strong> and <em>em</em>, <a href="https://example.org/x?y=1" rel="nofollow ugc noopener noreferrer">a link</a></p>',
    );
    expect(render("- one\n- two")).toBe("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
    expect(render("> quoted")).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>");
    expect(render("`<b>` and\n\n```js\nlet a = '<script>';\n```")).toBe(
      "<p><code>&#x3C;b></code> and</p>\n<pre><code class=\"language-js\">let a = '&#x3C;script>';\n</code></pre>",
    );
    const tree = renderMarkdown("# Title");
    expect(tree.type).toBe("root");
    expect(elements(tree).map((e) => e.tagName)).toEqual(["h1"]);
  });

  it("drops script elements and their raw HTML, keeping the text around them", () => {
    expect(render("before <script>alert(1)</script> after")).toBe("<p>before alert(1) after</p>");
    expect(render("<script>\nalert(document.cookie)\n</script>")).toBe("");
    expect(render("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>")).toBe("");
  });

  it("drops images with event handlers, iframes, svg, objects, styles and forms", () => {
    expect(render('<img src="x" onerror="alert(1)">')).toBe("");
    expect(render("<img src=x onerror=alert(1)//")).toBe("<p>&#x3C;img src=x onerror=alert(1)//</p>");
    expect(render('<iframe src="https://evil.example"></iframe>')).toBe("");
    expect(render("<svg onload=alert(1)><circle r=1 /></svg>")).toBe("<p></p>");
    expect(render('<object data="x.swf"></object><embed src="x.swf">')).toBe("<p></p>");
    expect(render("<style>body{display:none}</style>")).toBe("");
    expect(render('<form action="https://evil.example"><input name=p></form>')).toBe("");
    expect(render('<a href="https://ok.example" onclick="steal()">inline</a> html')).toBe("<p>inline html</p>");
  });

  it("makes javascript:, vbscript: and data: links inert (the link text stays)", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "javascript&#58;alert(1)",
      "java&#09;script:alert(1)",
      "%6Aavascript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      " javascript:alert(1)",
    ]) {
      const html = render(`[click](${url.replaceAll(" ", "%20")})`);
      expect(html, url).toMatch(/^<p><a( href="[^"]*")? rel="nofollow ugc noopener noreferrer">click<\/a><\/p>$/);
      expect(html, url).not.toMatch(/href="[^"]*script:/i);
    }
    expect(render("[x]: javascript:alert(1)\n\n[by reference][x]")).toBe(
      '<p><a rel="nofollow ugc noopener noreferrer">by reference</a></p>',
    );
    expect(render("![pixel](javascript:alert(1))")).toBe('<p><a rel="nofollow ugc noopener noreferrer">pixel</a></p>');
    expect(render("![inline](data:image/png;base64,iVBORw0KGgo=)")).toBe('<p><a rel="nofollow ugc noopener noreferrer">inline</a></p>');
    expect(render("<javascript:alert(1)>")).toBe('<p><a rel="nofollow ugc noopener noreferrer">javascript:alert(1)</a></p>');
  });

  it("drops HTML nested in HTML and in markdown, and never lets an attribute break out", () => {
    expect(render('<div><p><a href="javascript:x">n</a><img src=x onerror=y></p></div>')).toBe("");
    expect(render("> <details open ontoggle=alert(1)>\n> - <b onmouseover=alert(1)>x</b>")).toBe("<blockquote>\n</blockquote>");
    expect(render("> - <b onmouseover=alert(1)>x</b> **y** <i>z</i>")).toBe(
      "<blockquote>\n<ul>\n<li>x <strong>y</strong> z</li>\n</ul>\n</blockquote>",
    );
    expect(render('[x](https://ok.example/"onmouseover="alert(1))')).toBe(
      '<p><a href="https://ok.example/%22onmouseover=%22alert(1)" rel="nofollow ugc noopener noreferrer">x</a></p>',
    );
    expect(render('![x](https://ok.example/a.png "t\\" onerror=\\"alert(1)")')).toBe(
      '<p><a href="https://ok.example/a.png" title="t&#x22; onerror=&#x22;alert(1)" rel="nofollow ugc noopener noreferrer">x</a></p>',
    );
    // No ids or names reach the page (they could clobber the page's own elements).
    const tree = renderMarkdown('# Heading\n\n<a id="main" name="login">x</a> <span id="x">y</span>');
    expect(elements(tree).flatMap((e) => Object.keys(e.properties ?? {}))).toEqual([]);
  });

  it("renders images as links to their address, never as images a reader's browser would fetch", () => {
    const rel = 'rel="nofollow ugc noopener noreferrer"';
    expect(render("See ![the 1945 map](https://tracker.example/map.png) here")).toBe(
      `<p>See <a href="https://tracker.example/map.png" ${rel}>the 1945 map</a> here</p>`,
    );
    // No alt text: the address is the link's text.
    expect(render("![](https://tracker.example/pixel.gif)")).toBe(
      `<p><a href="https://tracker.example/pixel.gif" ${rel}>https://tracker.example/pixel.gif</a></p>`,
    );
    expect(render('![*map* of Ili][m]\n\n[m]: https://tracker.example/m.png "Ili"')).toBe(
      `<p><a href="https://tracker.example/m.png" title="Ili" ${rel}>map of Ili</a></p>`,
    );
    // Inside a link, an image is its text (links do not nest).
    expect(render("[![moon](https://tracker.example/moon.jpg)](https://example.org/moon)")).toBe(
      `<p><a href="https://example.org/moon" ${rel}>moon</a></p>`,
    );
    for (const value of [
      '<img src="https://tracker.example/x.png">',
      "<p><img src=https://tracker.example/x.png></p>",
      "> - ![a](b.png) ![c](d.png)",
    ]) {
      const tree = renderMarkdown(value);
      expect(
        elements(tree).map((e) => e.tagName),
        value,
      ).not.toContain("img");
      expect(markdownToHtml(value), value).not.toMatch(/<img/i);
    }
  });

  // CommonMark's pathological inputs (cmark's test/pathological_tests.py, cut to the largest body
  // the API accepts): each must come out as the specification says (within MAX_DEPTH and the
  // parser's nesting limit), with its characters, a bounded nesting and an output of bounded size. Their cost is measured by
  // `npm run bench:markdown` (docs/decisions/010-comment-markdown.md), not here.
  const LIMIT = 10_000;
  const repeat = (unit: string) => unit.repeat(Math.floor(LIMIT / unit.length));
  const pathological: Array<[string, string, RegExp]> = [
    ["the issue's *a_ repeated", repeat("*a_"), /^<p>(\*a_){3333}<\/p>$/],
    ["nested strong emph", "*a **a ".repeat(580) + "b" + " a** a*".repeat(580), /<em>a <strong>a <em>a <strong>a .*b.*<\/strong> a<\/em>/],
    ["many emph closers with no openers", repeat("a_ "), /^<p>(a_ ){3332}a_<\/p>$/],
    ["many emph openers with no closers", repeat("_a "), /^<p>(_a ){3332}_a<\/p>$/],
    ["many link closers with no openers", repeat("a]"), /^<p>(a\]){5000}<\/p>$/],
    ["many link openers with no closers", repeat("[a"), /^<p>(\[a){5000}<\/p>$/],
    ["mismatched openers and closers", repeat("*a_ "), /^<p>(\*a_ ){2499}\*a_<\/p>$/],
    // Emphasis nested deeper than MAX_DEPTH is flattened to its text.
    ["issue #389", "*a ".repeat(1250) + "_a*_ ".repeat(1250), /^<p>(<em>a ){23}[a_ ]+(_a<\/em>_ ?){23}<\/p>$/],
    ["openers and closers multiple of 3", "a**b" + "c* ".repeat(3331), /^<p>a\*\*b(c\* ){3330}c\*<\/p>$/],
    ["link openers and emph closers", repeat("[ a_"), /^<p>(\[ a_){2500}<\/p>$/],
    ["pattern [ (]( repeated", repeat("[ (]("), /^<p>(\[ \(\]\(){2000}<\/p>$/],
    ["nested brackets", "[".repeat(4999) + "a" + "]".repeat(4999), /^<p>\[{4999}a\]{4999}<\/p>$/],
    ["unclosed links A", repeat("[a](<b"), /^<p>(\[a\]\(&#x3C;b){1666}<\/p>$/],
    ["unclosed links B", repeat("[a](b"), /^<p>(\[a\]\(b){2000}<\/p>$/],
    ["unclosed <!--", "</" + "<!--".repeat(2499), /^<p>&#x3C;\/(&#x3C;!--){2499}<\/p>$/],
    ["backticks", Array.from({ length: 139 }, (_, i) => `e${"`".repeat(i + 1)}`).join(""), /^<p>[e`]*<\/p>$/],
    ["nested inlines", "*".repeat(4999) + "a" + "*".repeat(4999), /a/],
    ["nested block quotes", "> ".repeat(4999) + "a", /a/],
    // Nested past the parser's limit: shown as its characters.
    ["deeply nested lists", Array.from({ length: 98 }, (_, i) => `${"  ".repeat(i)}* a\n`).join(""), /^<p>(\* a\n){98}<\/p>$/],
    ["empty lines in deeply nested lists", "- ".repeat(3333) + "x" + "\n".repeat(3333), /x/],
    // Block quotes past MAX_DEPTH are `>` characters; the paragraph past it, its text.
    [
      "emph in deep blockquote",
      ">".repeat(3333) + "a*".repeat(3333),
      /^(<blockquote>\n){24}>{3309}(a ){3332}a\*\n(<\/blockquote>\n?){24}$/,
    ],
    ["hard link/emph case", "**x [a*b**c*](d)", /^<p>\*\*x <a href="d" [^>]*>a<em>b\*\*c<\/em><\/a><\/p>$/],
  ];

  it.each(pathological)(
    "renders the pathological input %s with all its characters, bounded nesting and a bounded size",
    (_name, value, expected) => {
      expect(value.length).toBeLessThanOrEqual(LIMIT);
      const html = markdownToHtml(value);
      const tree = renderMarkdown(value);
      assertInert(html, tree);
      expect(html).toMatch(expected);
      expect(depth(tree)).toBeLessThanOrEqual(MAX_DEPTH + 2);
      expect(html.length).toBeLessThanOrEqual(20 * value.length);
    },
  );

  it("keeps every word of a comment nested past the parser's limit, as its plain characters", () => {
    // Lists opened 24 at a time on lines indented to continue the ones before: more nested blocks
    // than markdown-it reads, which would otherwise skip the deepest lines.
    const value = Array.from({ length: 4 }, (_, k) => `${" ".repeat(48 * k)}${"- ".repeat(MAX_DEPTH)}word${k}`).join("\n");
    const html = markdownToHtml(value);
    for (let k = 0; k < 4; k++) expect(html).toContain(`word${k}`);
    expect(html.startsWith("<p>- - -")).toBe(true);
    // An ordinary outline keeps its structure.
    expect(markdownToHtml("- a\n  - b\n    - c")).toBe("<ul>\n<li>a\n<ul>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>");
  });

  it("parses comments with markdown-it (linear in its input), never with micromark (quadratic on such inputs)", () => {
    // micromark took 2 s on `*a_` repeated to 10,000 characters, on every render of the note.
    const imports = (file: string) =>
      [...fs.readFileSync(path.resolve(__dirname, "../../lib/annotations", file), "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    const used = [...imports("markdown.ts"), ...imports("parse-comment-markdown.ts")];
    expect(used).toContain("markdown-it");
    expect(used.filter((name) => /remark-parse|micromark|mdast-util-from-markdown/.test(name))).toEqual([]);
  });

  it("escapes container markers beyond MAX_DEPTH so they show as text", () => {
    expect(escapeDeepContainers("- a")).toBe("- a");
    expect(escapeDeepContainers(`${"> ".repeat(MAX_DEPTH)}x`)).toBe(`${"> ".repeat(MAX_DEPTH)}x`);
    expect(escapeDeepContainers(`${"> ".repeat(MAX_DEPTH)}> x`)).toBe(`${"> ".repeat(MAX_DEPTH)}\\> x`);
    expect(escapeDeepContainers(`${"1. ".repeat(MAX_DEPTH + 1)}x\nplain`)).toBe(`${"1. ".repeat(MAX_DEPTH)}1\\. x\nplain`);
    const html = markdownToHtml(`${"- ".repeat(MAX_DEPTH + 5)}deep`);
    expect(html).toContain("deep");
    expect(html.match(/<ul>/g)!.length).toBeLessThanOrEqual(MAX_DEPTH);
  });

  it("imports neither Prisma, React nor Next (the browser loads it)", () => {
    const source = fs.readFileSync(path.resolve(__dirname, "../../lib/annotations/markdown.ts"), "utf8");
    const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    expect(imports.filter((name) => /prisma|react|next|\.\.\/db|node:/.test(name))).toEqual([]);
  });
});
