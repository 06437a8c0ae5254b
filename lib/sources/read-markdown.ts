/**
 * A reader's own markdown into the intermediate form. Unlike an edition in `content/`
 * (parse-document.ts, which refuses what an edition may not hold), it takes whatever markdown it is
 * given: frontmatter if any, a level-1 heading, nested lists, code, tables (GFM), footnotes (GFM),
 * images and raw HTML, and keeps the words of each as blocks.
 */
import type { Nodes, Parent, Root, RootContent } from "mdast";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkDirective from "remark-directive";
import { parse as parseYaml } from "yaml";
import { blockText } from "../text-model/block-text";
import { decodeText } from "./read-text";
import { ImportFailure, SOURCE_LIMITS, type SourceBlock, type SourceMetadata, type SourceReader } from "./source-document";

// Directives as Gloss's editions write them (`:::caption`), so that an edition exported from
// Gloss reads back with its captions.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm).use(remarkDirective);

/** Reads markdown. Never fails on what it is given, save `empty` when no words are left. */
export const readMarkdown: SourceReader = async (file) => {
  // Any text is markdown: CommonMark reads a NUL as U+FFFD rather than refusing the file.
  const markdown = decodeText(file.bytes, file.name, { allowBinary: true });
  const tree = processor.parse(markdown) as Root;
  literalDirectives(tree, markdown);
  const front = tree.children[0]?.type === "yaml" ? frontmatter(tree.children[0].value) : {};
  const writer = new BlockWriter(front.title === undefined);
  writer.blocks(tree.children);
  const metadata: SourceMetadata = { ...front };
  if (metadata.title === undefined && writer.title !== undefined) metadata.title = writer.title;
  const blocks = writer.result;
  if (blocks.length === 0) throw new ImportFailure("empty", "This markdown has no words to import.");
  const length = blocks.reduce((sum, block) => sum + block.text.length, 0);
  if (length > SOURCE_LIMITS.maxTextLength) {
    throw new ImportFailure("too_large", "This markdown is longer than Gloss imports (20 MB of text).");
  }
  return { format: "markdown", metadata, blocks };
};

/** A value a person wrote, or nothing for an empty one or a placeholder ("unknown"). */
function stated(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = String(value).replace(/\s+/g, " ").trim();
  return text === "" || /^(unknown|n\/?a|none|-)$/i.test(text) ? undefined : text;
}

/**
 * The metadata the frontmatter states: title, author(s), date (or published), publisher, url,
 * language (or lang). Frontmatter that is not valid YAML, or fields of other shapes, say nothing.
 */
function frontmatter(yaml: string): SourceMetadata {
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch {
    return {};
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return {};
  const fields = data as Record<string, unknown>;
  const metadata: SourceMetadata = {};
  const title = stated(fields.title);
  if (title) metadata.title = title;
  const rawAuthors = fields.authors ?? fields.author;
  const authors = (Array.isArray(rawAuthors) ? rawAuthors : [rawAuthors]).map(stated).filter((a): a is string => !!a);
  if (authors.length > 0) metadata.authors = authors;
  const date = stated(fields.date ?? fields.published);
  if (date && /^\d{4}(-\d{2}(-\d{2})?)?/.test(date)) metadata.date = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(date)![0];
  const publisher = stated(fields.publisher);
  if (publisher) metadata.publisher = publisher;
  const url = stated(fields.url);
  if (url && /^https?:\/\/\S+$/.test(url)) metadata.url = url;
  const language = stated(fields.language ?? fields.lang);
  if (language && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(language)) metadata.language = language;
  return metadata;
}

/** A block's text as a reader reads it: its inline words, every kind of white space single. */
const wordsOf = (node: Nodes) => blockText(node).replace(/\s+/g, " ").trim();

/** Where a block stands: in which block quote, if any. */
interface Context {
  quote?: number;
}

/** Walks markdown's blocks into SourceBlocks. */
class BlockWriter {
  readonly result: SourceBlock[] = [];
  /** The first level-1 heading, when it is taken as the title. */
  title: string | undefined;
  private lists = 0;
  private quotes = 0;

  constructor(private titleFromHeading: boolean) {}

  /**
   * Reads `nodes` and the blocks inside them in order. Containers (block quotes, directives) are
   * opened onto a stack of work rather than by recursion: markdown may nest quotes thousands deep.
   */
  blocks(nodes: RootContent[], context: Context = {}): void {
    const work: Array<[RootContent, Context]> = nodes.map((node) => [node, context] as [RootContent, Context]).reverse();
    for (let next = work.pop(); next; next = work.pop()) {
      const [node, where] = next;
      const inner = this.block(node, where);
      if (inner) work.push(...inner.nodes.map((child) => [child, inner.context] as [RootContent, Context]).reverse());
    }
  }

  private push(block: SourceBlock): void {
    if (block.text !== "") this.result.push(block);
  }

  /** Writes a block, or gives back the blocks a container holds, to be read next. */
  private block(node: RootContent, context: Context): { nodes: RootContent[]; context: Context } | void {
    switch (node.type) {
      case "heading": {
        const text = wordsOf(withoutImages(node).node);
        if (node.depth === 1 && this.titleFromHeading && this.title === undefined && text !== "") {
          this.title = text;
          return;
        }
        this.push({ kind: "heading", text, depth: node.depth });
        return;
      }
      case "paragraph":
        return this.paragraph(node, context);
      case "code":
        return this.push(this.inQuote({ kind: "paragraph", text: node.value.replace(/\s+/g, " ").trim() }, context));
      case "list":
        return this.list(node, context);
      case "blockquote": {
        const quote = ++this.quotes;
        return { nodes: node.children, context: { quote } };
      }
      case "table":
        // A table row by row: each row's cells, in order, one paragraph, cells parted by " | ".
        for (const row of node.children) {
          const cells = row.children.map((cell) => wordsOf(cell)).filter((cell) => cell !== "");
          this.push(this.inQuote({ kind: "paragraph", text: cells.join(" | ") }, context));
        }
        return;
      case "footnoteDefinition": {
        const text = node.children
          .map((child) => wordsOf(withoutImages(child as Nodes).node))
          .filter(Boolean)
          .join(" ");
        return this.push({ kind: "footnote", text, note: node.label ?? node.identifier });
      }
      case "containerDirective":
        if (node.name !== "caption") return { nodes: node.children, context };
        for (const child of node.children) this.push({ kind: "caption", text: wordsOf(withoutImages(child).node) });
        return;
      case "html":
      case "thematicBreak":
      case "definition":
      case "yaml":
        return;
      default:
        // Any other block that holds blocks (an extension's container) is read for them.
        if ("children" in node) return { nodes: (node as Parent).children as RootContent[], context };
    }
  }

  private inQuote(block: SourceBlock, context: Context): SourceBlock {
    if (context.quote === undefined || block.kind !== "paragraph") return block;
    return { ...block, kind: "quote", quote: context.quote };
  }

  /** A paragraph's words, then its images' alt texts as captions. */
  private paragraph(node: Nodes, context: Context, item?: SourceBlock["list"]): void {
    const { node: words, alts } = withoutImages(node);
    const text = wordsOf(words);
    if (item) this.push({ kind: "list_item", text, list: item });
    else this.push(this.inQuote({ kind: "paragraph", text }, context));
    for (const alt of alts) this.push({ kind: "caption", text: alt });
  }

  /** A list flattened: its items and those of the lists inside them as items of one list, in order. */
  private list(node: Extract<RootContent, { type: "list" }>, context: Context): void {
    const index = ++this.lists;
    const ordered = Boolean(node.ordered);
    let item = ordered ? (node.start ?? 1) - 1 : 0;
    const items = (list: Extract<RootContent, { type: "list" }>) => {
      for (const listItem of list.children) {
        const paragraphs = listItem.children.filter((child) => child.type === "paragraph");
        if (paragraphs.length > 0) {
          item++;
          const merged = { type: "paragraph", children: paragraphs.flatMap((p) => [...p.children, { type: "text", value: " " }]) };
          this.paragraph(merged as Nodes, context, { index, ordered, item });
        }
        for (const child of listItem.children) {
          if (child.type === "list") items(child);
          else if (child.type !== "paragraph") this.blocks([child], context);
        }
      }
    };
    items(node);
  }
}

/**
 * Text and leaf directives as the words they were written with: ":30" in "at 10:30" is a text
 * directive to the parser, and the author's words to the reader (as in parse-document.ts).
 */
function literalDirectives(tree: Root, source: string): void {
  // A stack, not recursion: the tree may be thousands of containers deep.
  const work: Nodes[] = [tree];
  for (let node = work.pop(); node; node = work.pop()) {
    if (!("children" in node)) continue;
    node.children = (node.children as Nodes[]).map((child) => {
      if (child.type === "textDirective" || child.type === "leafDirective") {
        const value = source.slice(child.position?.start.offset ?? 0, child.position?.end.offset ?? 0);
        const text = { type: "text" as const, value };
        return child.type === "leafDirective" ? { type: "paragraph", children: [text] } : text;
      }
      work.push(child);
      return child;
    }) as typeof node.children;
  }
}

/** A copy of `node` without its images, and their alt texts. */
function withoutImages(node: Nodes): { node: Nodes; alts: string[] } {
  const alts: string[] = [];
  const strip = (current: Nodes): Nodes => {
    if (!("children" in current)) return current;
    const children = (current.children as Nodes[])
      .filter((child) => {
        if (child.type !== "image" && child.type !== "imageReference") return true;
        const alt = (child.alt ?? "").replace(/\s+/g, " ").trim();
        if (alt !== "") alts.push(alt);
        return false;
      })
      .map(strip);
    return { ...current, children } as Nodes;
  };
  return { node: strip(node), alts };
}
