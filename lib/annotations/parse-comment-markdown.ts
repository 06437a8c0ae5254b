import type { Nodes as MdastNodes, Root as MdastRoot, RootContent } from "mdast";
import MarkdownIt, { type Token } from "markdown-it";

/**
 * Parses a markdown comment (CommonMark) into an mdast tree, in time linear in its length.
 *
 * Comments are written by any reader and rendered for every other one, on the server and in the
 * browser, so the parser's worst case is everyone's: micromark (remark-parse) takes time
 * quadratic in the length of a paragraph on inputs such as `*a_` repeated (2 s for 10,000
 * characters). markdown-it keeps its delimiter and bracket searches bounded (the CommonMark
 * "pathological" cases are part of its tests) and is used here only as a tokenizer: its tokens
 * become mdast, and the rest of the pipeline (depth limit, remark-rehype, sanitising) stays as it
 * was. Editions, which the project curates, are still parsed by remark (lib/text-model).
 * Choices: docs/decisions/010-comment-markdown.md.
 */

/**
 * Deepest nesting of tokens markdown-it builds (its own guard for the call stack). Past it,
 * inline markup stays text, but the lines of a deeper block are skipped: a comment that comes
 * that close is shown as its plain characters instead (see `reachesNestingLimit`).
 */
export const MAX_TOKEN_NESTING = 100;

const parser = new MarkdownIt("commonmark", { maxNesting: MAX_TOKEN_NESTING });
// Every link is kept as written and judged once, by rehype-sanitize's protocol allow-list after
// rendering: markdown-it would otherwise drop `javascript:` links to their raw text.
parser.validateLink = () => true;

/** An attribute of a token as text (markdown-it types them as string or number). */
const attribute = (token: Token, name: string): string | null => {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
};

type Parent = Extract<MdastNodes, { children: unknown }>;

/** Appends `node` to `parent`, joining adjacent text (a soft line break is a "\n" in it, as in remark). */
function append(parent: Parent, node: RootContent) {
  const children = parent.children as RootContent[];
  const last = children[children.length - 1];
  if (node.type === "text" && last?.type === "text") last.value += node.value;
  else if (node.type !== "text" || node.value) children.push(node);
}

/** The inline tokens of one paragraph or heading, as mdast phrasing nodes of `parent`. */
function appendInline(parent: Parent, tokens: Token[]) {
  const stack: Parent[] = [parent];
  for (const token of tokens) {
    const top = stack[stack.length - 1];
    const open = (node: Parent) => {
      append(top, node as RootContent);
      stack.push(node);
    };
    switch (token.type) {
      case "em_open":
        open({ type: "emphasis", children: [] });
        break;
      case "strong_open":
        open({ type: "strong", children: [] });
        break;
      case "link_open":
        open({ type: "link", url: attribute(token, "href") ?? "", title: attribute(token, "title"), children: [] });
        break;
      case "em_close":
      case "strong_close":
      case "link_close":
        if (stack.length > 1) stack.pop();
        break;
      case "image":
        append(top, {
          type: "image",
          url: attribute(token, "src") ?? "",
          title: attribute(token, "title"),
          alt: parser.renderer.renderInlineAsText(token.children ?? [], parser.options, {}),
        });
        break;
      case "code_inline":
        append(top, { type: "inlineCode", value: token.content });
        break;
      case "hardbreak":
        append(top, { type: "break" });
        break;
      case "softbreak":
        append(top, { type: "text", value: "\n" });
        break;
      case "html_inline":
        append(top, { type: "html", value: token.content });
        break;
      default:
        // `text`, and anything else markdown-it may add: its characters, never dropped.
        append(top, { type: "text", value: token.content });
    }
  }
}

/**
 * Whether markdown-it came within one level of MAX_TOKEN_NESTING: there it stops reading a
 * block's lines (a quote in a list in a quote ... nested by indentation across lines, which no
 * ordinary comment does), so the tree may lack some of the comment's words.
 */
function reachesNestingLimit(tokens: Token[]): boolean {
  return tokens.some((token) => token.nesting === 1 && token.level >= MAX_TOKEN_NESTING - 2);
}

/** The comment as one paragraph of its plain characters. */
function plainText(value: string): MdastRoot {
  return { type: "root", children: value ? [{ type: "paragraph", children: [{ type: "text", value }] }] : [] };
}

/**
 * The mdast tree of a markdown comment: CommonMark, raw HTML kept as `html` nodes (the renderer
 * drops them), links and images as written (the sanitiser judges their URLs).
 */
export function parseCommentMarkdown(value: string): MdastRoot {
  const tokens = parser.parse(value, {});
  if (reachesNestingLimit(tokens)) return plainText(value);
  const root: MdastRoot = { type: "root", children: [] };
  const stack: Parent[] = [root];
  for (const token of tokens) {
    const top = stack[stack.length - 1];
    const open = (node: Parent) => {
      append(top, node as RootContent);
      stack.push(node);
    };
    switch (token.type) {
      case "paragraph_open":
        // markdown-it hides the paragraphs of a tight list; mdast says it on the list instead.
        if (!token.hidden && top.type === "listItem") {
          const list = stack[stack.length - 2];
          if (list.type === "list") list.spread = true;
        }
        open({ type: "paragraph", children: [] });
        break;
      case "heading_open":
        open({ type: "heading", depth: Number(token.tag.slice(1)) as 1 | 2 | 3 | 4 | 5 | 6, children: [] });
        break;
      case "blockquote_open":
        open({ type: "blockquote", children: [] });
        break;
      case "bullet_list_open":
      case "ordered_list_open": {
        const ordered = token.type === "ordered_list_open";
        open({ type: "list", ordered, start: ordered ? Number(attribute(token, "start") ?? 1) : null, spread: false, children: [] });
        break;
      }
      case "list_item_open":
        open({ type: "listItem", spread: false, children: [] });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        if (top.type === "list") for (const item of top.children) item.spread = top.spread;
        stack.pop();
        break;
      case "paragraph_close":
      case "heading_close":
      case "blockquote_close":
      case "list_item_close":
        if (stack.length > 1) stack.pop();
        break;
      case "inline":
        appendInline(top, token.children ?? []);
        break;
      case "fence": {
        const [lang = "", ...meta] = parser.utils.unescapeAll(token.info).trim().split(/\s+/);
        append(top, { type: "code", lang: lang || null, meta: meta.join(" ") || null, value: token.content.replace(/\n$/, "") });
        break;
      }
      case "code_block":
        append(top, { type: "code", lang: null, meta: null, value: token.content.replace(/\n$/, "") });
        break;
      case "hr":
        append(top, { type: "thematicBreak" });
        break;
      case "html_block":
        append(top, { type: "html", value: token.content });
        break;
      default:
        if (token.nesting === 0 && token.content) append(top, { type: "paragraph", children: [{ type: "text", value: token.content }] });
    }
  }
  return root;
}
