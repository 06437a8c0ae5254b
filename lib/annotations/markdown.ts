import type { Element, Root } from "hast";
import type { Nodes as MdastNodes, Root as MdastRoot } from "mdast";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { parseCommentMarkdown } from "./parse-comment-markdown";

/**
 * Markdown comments (a TextualBody with `format: "text/markdown"`), rendered safely for the page.
 *
 * Two layers keep a reader's markdown from running anything in another reader's browser:
 * - remark-rehype drops raw HTML (`<script>`, `<img onerror>`, `<iframe>`, ...) instead of
 *   passing it through: a comment is markdown, never HTML;
 * - rehype-sanitize then applies GitHub's allow-list (hast-util-sanitize's default schema) less
 *   `img`: only known elements and attributes, `href` only http(s), mailto, irc(s) and xmpp (so
 *   no `javascript:` or `data:` links), ids prefixed `user-content-`.
 * Links then get `rel="nofollow ugc noopener noreferrer"` (added after sanitising, so nothing a
 * reader writes can set it). Images become links to their address: an `<img>` would make every
 * reader's browser fetch whatever the author points it at (tracking who reads, and when).
 *
 * Pure: no Prisma, React or Next, so the browser can load it (by dynamic import) as well as the
 * server. The annotation routes cap a body at 10,000 characters, and the parser
 * (parse-comment-markdown.ts) takes time linear in it. Nesting is bounded twice, as the parser
 * and the tree walkers use the stack: a line's container markers beyond MAX_DEPTH are escaped
 * (shown as the characters they are) before parsing, and any node still nested deeper than
 * MAX_DEPTH is flattened to its text.
 */

/** Deepest nesting of markdown nodes rendered as structure; deeper content becomes plain text. */
export const MAX_DEPTH = 24;

type Parent = Extract<MdastNodes, { children: unknown }>;
const hasChildren = (node: MdastNodes): node is Parent => "children" in node && Array.isArray(node.children);

/** The text of a subtree, gathered without recursion (the subtree may be thousands deep). */
function flatText(node: MdastNodes): string {
  const parts: string[] = [];
  const stack: MdastNodes[] = [node];
  while (stack.length) {
    const next = stack.pop()!;
    if ("value" in next && typeof next.value === "string" && next.type !== "html") parts.push(next.value);
    else if (hasChildren(next)) for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i] as MdastNodes);
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** One container marker at the start of what is left of a line: a block quote's `>` or a list item's bullet or number. */
const CONTAINER = /^[ \t]{0,3}(?:(>)[ \t]?|([-*+])(?=[ \t]|$)[ \t]*|\d{1,9}([.)])(?=[ \t]|$)[ \t]*)/;

/** `value` with each line's container markers beyond MAX_DEPTH escaped, so they stay text. */
export function escapeDeepContainers(value: string): string {
  return value
    .split("\n")
    .map((line) => {
      let at = 0;
      for (let depth = 0; ; depth++) {
        const found = CONTAINER.exec(line.slice(at));
        if (!found) return line;
        if (depth === MAX_DEPTH) {
          const marker = found[1] ?? found[2] ?? found[3];
          const markerAt = at + found[0].indexOf(marker, found[0].length - found[0].trimStart().length);
          return `${line.slice(0, markerAt)}\\${line.slice(markerAt)}`;
        }
        at += found[0].length;
      }
    })
    .join("\n");
}

/** Flattens every node nested deeper than MAX_DEPTH to one text node (breadth first, no recursion). */
function limitDepth() {
  return (tree: MdastRoot) => {
    let level: Parent[] = [tree];
    for (let depth = 0; level.length; depth++) {
      const next: Parent[] = [];
      for (const node of level) {
        if (depth === MAX_DEPTH) {
          const text = flatText(node);
          (node as { children: unknown[] }).children = text ? [{ type: "text", value: text }] : [];
          continue;
        }
        for (const child of node.children as MdastNodes[]) if (hasChildren(child)) next.push(child);
      }
      level = next;
    }
  };
}

/**
 * Turns every image into a link to its address, its text the image's alt text (or the address
 * when there is none); an image inside a link becomes that text alone, as links do not nest.
 */
function imagesAsLinks() {
  return (tree: MdastRoot) => {
    const stack: Array<[MdastNodes, boolean]> = [[tree, false]];
    while (stack.length) {
      const [node, inLink] = stack.pop()!;
      if (!hasChildren(node)) continue;
      node.children = node.children.map((child) => {
        if (child.type !== "image") return child;
        const text = { type: "text", value: child.alt || child.url } as const;
        return inLink ? text : { type: "link", url: child.url, title: child.title, children: [text] };
      }) as typeof node.children;
      for (const child of node.children as MdastNodes[]) stack.push([child, inLink || child.type === "link"]);
    }
  };
}

const LINK_REL = ["nofollow", "ugc", "noopener", "noreferrer"];

/** Adds LINK_REL to every link of a sanitised tree. */
function relOnLinks() {
  return (tree: Root) => {
    const visit = (node: Root | Element) => {
      for (const child of node.children) {
        if (child.type !== "element") continue;
        if (child.tagName === "a") child.properties = { ...child.properties, rel: LINK_REL };
        visit(child);
      }
    };
    visit(tree);
  };
}

/** GitHub's allow-list without `img`: no markup a comment can produce makes the browser fetch anything. */
const schema = { ...defaultSchema, tagNames: defaultSchema.tagNames?.filter((name) => name !== "img") };

const processor = unified()
  .use(limitDepth)
  .use(imagesAsLinks)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, schema)
  .use(relOnLinks)
  .use(rehypeStringify);

/** The sanitised HTML tree (hast) of a markdown comment. */
export function renderMarkdown(value: string): Root {
  return processor.runSync(parseCommentMarkdown(escapeDeepContainers(value))) as Root;
}

/** The sanitised HTML of a markdown comment, as a string ready for `innerHTML`. */
export function markdownToHtml(value: string): string {
  return processor.stringify(renderMarkdown(value));
}
