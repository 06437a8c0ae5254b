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
    expect(render("![pixel](javascript:alert(1))")).toBe('<p><img alt="pixel"></p>');
    expect(render("![inline](data:image/png;base64,iVBORw0KGgo=)")).toBe('<p><img alt="inline"></p>');
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
      '<p><img src="https://ok.example/a.png" alt="x" title="t&#x22; onerror=&#x22;alert(1)"></p>',
    );
    // No ids or names reach the page (they could clobber the page's own elements).
    const tree = renderMarkdown('# Heading\n\n<a id="main" name="login">x</a> <span id="x">y</span>');
    expect(elements(tree).flatMap((e) => Object.keys(e.properties ?? {}))).toEqual([]);
  });

  it("renders the largest body accepted (10,000 characters) of hostile repetitions quickly, with bounded nesting", () => {
    const hostile = [
      "- ".repeat(5000),
      "1. ".repeat(3333),
      "> ".repeat(5000),
      ">".repeat(10_000),
      "- > ".repeat(2500),
      "*a_".repeat(3333),
      "[".repeat(10_000),
      "<".repeat(10_000),
      "<script>".repeat(1250),
      "[x](javascript:".repeat(666),
    ];
    for (const value of hostile) {
      const started = performance.now();
      const html = markdownToHtml(value);
      // Without the escaping of deep containers, "- - - ..." alone took 12 s.
      expect(performance.now() - started, value.slice(0, 12)).toBeLessThan(5000);
      const tree = renderMarkdown(value);
      assertInert(html, tree);
      expect(depth(tree), value.slice(0, 12)).toBeLessThanOrEqual(MAX_DEPTH + 2);
    }
  }, 60_000);

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
