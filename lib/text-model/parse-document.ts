import type { Nodes, Root, RootContent } from "mdast";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import remarkDirective from "remark-directive";
import { LineCounter, parseDocument as parseYaml } from "yaml";
import { blockText } from "./block-text";
import { DocumentParseError } from "./document-parse-error";
import { documentMetadataSchema, type DocumentMetadata } from "./metadata";
import { PassageBuilder } from "./passage-builder";
import type { Passage, PassageAttrs, PassageKind, Section } from "./types";

export { PASSAGE_SEPARATOR } from "./passage-builder";

/** A content file parsed into the text model. */
export interface ParsedDocument {
  metadata: DocumentMetadata;
  passages: Passage[];
  sections: Section[];
  /** The passages' text joined by PASSAGE_SEPARATOR. */
  text: string;
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkDirective);

const lineOf = (node: { position?: { start: { line: number } } }) => node.position?.start.line ?? 1;

function parseFrontmatter(value: string, firstLine: number, file: string): DocumentMetadata {
  const lineCounter = new LineCounter();
  const doc = parseYaml(value, { lineCounter, prettyErrors: false });
  const yamlLine = (offset: number) => firstLine + lineCounter.linePos(offset).line - 1;
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    throw new DocumentParseError(file, yamlLine(error.pos[0]), `invalid frontmatter: ${error.message.split("\n")[0]}`);
  }
  const result = documentMetadataSchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue.path[0];
  let line = firstLine;
  if (issue.code === "unrecognized_keys") {
    const node = doc.get(issue.keys[0], true) as { range?: [number, number] } | undefined;
    const pair =
      doc.contents && "items" in doc.contents
        ? (doc.contents.items as Array<{ key?: { value?: unknown; range?: [number, number] } }>).find(
            (item) => item.key?.value === issue.keys[0],
          )
        : undefined;
    const range = pair?.key?.range ?? node?.range;
    if (range) line = yamlLine(range[0]);
    throw new DocumentParseError(file, line, `unknown frontmatter field "${issue.keys[0]}"`);
  }
  if (typeof key === "string") {
    const node = doc.get(key, true) as { range?: [number, number] } | undefined;
    if (node?.range) line = yamlLine(node.range[0]);
    const problem = doc.get(key) === undefined ? "is required" : `is invalid: ${issue.message}`;
    throw new DocumentParseError(file, line, `frontmatter field "${key}" ${problem}`);
  }
  throw new DocumentParseError(file, line, `invalid frontmatter: ${issue.message}`);
}

/**
 * Prepares a block's inline content: a text directive (":30" in "at 10:30") is the author's
 * text, not markup, so it becomes the literal source it was parsed from; raw HTML is rejected.
 */
function literalizeInline(node: Nodes, source: string, file: string): void {
  if (node.type === "html") throw new DocumentParseError(file, lineOf(node), "raw HTML is not allowed in an edition");
  if (!("children" in node)) return;
  node.children = node.children.map((child) => {
    if (child.type === "textDirective") {
      const start = child.position?.start.offset ?? 0;
      const end = child.position?.end.offset ?? start;
      return { type: "text", value: source.slice(start, end), position: child.position };
    }
    literalizeInline(child as Nodes, source, file);
    return child;
  }) as typeof node.children;
}

/**
 * Parses a content file (YAML frontmatter + markdown) into passages with stable ids, citable
 * labels and offsets into the plain text. Only the block types an edition needs are accepted:
 * level-2 section headings (and deeper sub-headings), paragraphs, lists of one-paragraph items,
 * block quotes of paragraphs, and `:::caption` containers; anything else fails with its line.
 *
 * @param markdown the content file's text
 * @param file the file's name, used in error messages
 * @throws DocumentParseError naming the file and line of the first problem
 */
export function parseDocument(markdown: string, file = "<input>"): ParsedDocument {
  const tree = processor.parse(markdown) as Root;
  const children = tree.children;
  const front = children[0];
  if (!front || front.type !== "yaml") {
    throw new DocumentParseError(
      file,
      1,
      "missing frontmatter: the file must start with a --- block holding title, language and the citation fields",
    );
  }
  const metadata = parseFrontmatter(front.value, lineOf(front) + 1, file);

  const builder = new PassageBuilder();
  let listCount = 0;
  let quoteCount = 0;

  const add = (kind: PassageKind, node: Nodes, attrs: PassageAttrs = {}) => {
    literalizeInline(node, markdown, file);
    const body = blockText(node);
    if (body === "") throw new DocumentParseError(file, lineOf(node), `empty ${kind.replace("_", " ")}`);
    builder.add(kind, body, attrs, { line: lineOf(node) }, kind === "heading" && attrs.depth === 2);
  };

  const onlyParagraphs = (node: Extract<RootContent, { children: unknown }>, what: string) => {
    for (const child of node.children as RootContent[]) {
      if (child.type !== "paragraph") {
        throw new DocumentParseError(file, lineOf(child), `${what} may hold only paragraphs, not ${child.type}`);
      }
    }
    return node.children as Extract<RootContent, { type: "paragraph" }>[];
  };

  for (const node of children.slice(1)) {
    switch (node.type) {
      case "heading":
        if (node.depth === 1) {
          throw new DocumentParseError(
            file,
            lineOf(node),
            "a level-1 heading is not allowed: the title comes from the frontmatter; use ## for sections",
          );
        }
        if (node.depth === 2) builder.startSection();
        add("heading", node, { depth: node.depth });
        break;
      case "paragraph":
        add("paragraph", node);
        break;
      case "list": {
        listCount += 1;
        const first = node.start ?? 1;
        node.children.forEach((item, index) => {
          const [only, ...rest] = item.children;
          if (!only || only.type !== "paragraph" || rest.length > 0) {
            throw new DocumentParseError(
              file,
              lineOf(item),
              "a list item must be a single paragraph (nested lists and multi-paragraph items are not supported)",
            );
          }
          add("list_item", only, {
            list: { index: listCount, ordered: Boolean(node.ordered), item: node.ordered ? first + index : index + 1 },
          });
        });
        break;
      }
      case "blockquote":
        quoteCount += 1;
        for (const para of onlyParagraphs(node, "a block quote")) add("quote", para, { quote: { index: quoteCount } });
        break;
      case "containerDirective": {
        if (node.name !== "caption") {
          throw new DocumentParseError(file, lineOf(node), `unknown block ":::${node.name}" (only :::caption is defined)`);
        }
        const paras = onlyParagraphs(node, "a caption");
        if (paras.length !== 1) throw new DocumentParseError(file, lineOf(node), "a caption must hold exactly one paragraph");
        add("caption", paras[0]);
        break;
      }
      case "thematicBreak":
      case "definition":
        break;
      case "leafDirective":
        throw new DocumentParseError(file, lineOf(node), `unknown block "::${node.name}" (only :::caption is defined)`);
      case "html":
        throw new DocumentParseError(file, lineOf(node), "raw HTML is not allowed in an edition");
      case "yaml":
        throw new DocumentParseError(file, lineOf(node), "a second frontmatter block");
      default:
        throw new DocumentParseError(file, lineOf(node), `unsupported block: ${node.type}`);
    }
  }

  if (builder.passages.length === 0) throw new DocumentParseError(file, lineOf(front), "the document has no text");
  return { metadata, passages: builder.passages, sections: builder.sections, text: builder.plainText };
}
