import { Fragment, type ReactNode } from "react";
import Link from "next/link";
import type { PassageView } from "@/lib/documents/queries";
import { ENTITY_KINDS, ENTITY_KIND_LABELS, type EntityKind } from "@/lib/entities/entity-kinds";
import { isKnown, type DocumentMetadata } from "@/lib/text-model/metadata";
import type { Block, SectionBlocks } from "@/lib/text-model/group-blocks";
import { coverText, segmentText } from "@/lib/text-model/segment-text";

// What the reader and the pages of earlier versions share: a document's passages rendered on the
// server (sections, lists, block quotes, captions), their words with the names underlined and
// other annotations marked, the contents, the legend of names and the document's details.

/** A mention placed in the text: which entity, of which kind. */
export interface InlineMention {
  id: string;
  start: number;
  end: number;
  entityId: string;
  kind: EntityKind;
  name: string;
}

/** A range of the text to highlight, with its annotation's id and the data attributes of its <mark>. */
export interface TextMark {
  id: string;
  start: number;
  end: number;
  /** e.g. `{ "data-note": "" }` or `{ "data-evidence": "supports" }`; values of overlapping marks are joined by spaces. */
  attributes: Record<string, string>;
}

/** Words covered by marks: one <mark> naming every annotation on them, with their attributes merged. */
function Marked({ start, text, marks, className }: { start: number; text: string; marks: TextMark[]; className?: string }) {
  if (marks.length === 0) return text;
  return coverText(text, start, marks).map((piece) => {
    if (piece.ranges.length === 0) return piece.text;
    const attributes: Record<string, string> = {};
    for (const mark of piece.ranges) {
      for (const [name, value] of Object.entries(mark.attributes)) {
        const before = attributes[name];
        attributes[name] = before === undefined || before === value ? value : [...new Set([...before.split(" "), value])].join(" ").trim();
      }
    }
    return (
      <mark key={piece.start} className={className} data-annotations={piece.ranges.map((m) => m.id).join(" ")} {...attributes}>
        {piece.text}
      </mark>
    );
  });
}

/**
 * A passage's words, with its entity mentions as links to the entity (cards open on them; the
 * link's address is the one place that names the entity: mention-link.ts) and
 * `marks` (which may overlap each other and the mentions) highlighted inside.
 */
export function PassageText({
  passage,
  mentions,
  marks = [],
  markClassName,
}: {
  passage: Pick<PassageView, "start" | "end" | "text">;
  mentions: InlineMention[];
  marks?: TextMark[];
  markClassName?: string;
}) {
  return (
    <span className="passage-text" data-start={passage.start} data-end={passage.end}>
      {segmentText(passage.text, passage.start, mentions).map((segment) => {
        const words = <Marked start={segment.start} text={segment.text} marks={marks} className={markClassName} />;
        return segment.range ? (
          <a
            key={segment.start}
            className="mention"
            href={`/entities/${segment.range.entityId}`}
            data-kind={segment.range.kind}
            data-mention={segment.range.id}
          >
            {words}
          </a>
        ) : (
          <Fragment key={segment.start}>{words}</Fragment>
        );
      })}
    </span>
  );
}

/**
 * A passage's margin: its number and ¶ as one permalink (copied to the clipboard with JS on), and
 * `children` after it. The number is inside the link so that the margin holds two targets of a
 * finger's size where it has room for little more (24 px each, WCAG 2.2's target size); the ¶ is
 * drawn by the style sheet, so it stays out of the passage's text (a heading's, say).
 */
export function PassageMargin({
  passage,
  children,
}: {
  passage: Pick<PassageView, "id" | "label" | "paragraph" | "kind" | "attrs">;
  children?: ReactNode;
}) {
  return (
    <span className="margin" data-margin="">
      <a className="permalink" href={`#${passage.id}`} aria-label={`Permalink to ${passage.label}`} title={`Link to ${passage.label}`}>
        <span className="pnum" aria-hidden="true">
          {passage.kind === "footnote" ? `n${passage.attrs.note ?? ""}` : passage.paragraph > 0 ? passage.paragraph : "§"}
        </span>
      </a>
      {children}
    </span>
  );
}

/** How a page renders each passage: its margin, its words, extra attributes, and what follows it. */
export interface PassageParts<P extends PassageView> {
  margin: (passage: P) => ReactNode;
  text: (passage: P) => ReactNode;
  /** Data attributes of the passage's element. */
  attributes?: (passage: P) => Record<string, string | undefined>;
  /** Shown right after the passage (inside a list item), e.g. its notes. */
  after?: (passage: P) => ReactNode;
}

function SinglePassage<P extends PassageView>({ passage, parts }: { passage: P; parts: PassageParts<P> }) {
  const common = { id: passage.id, "data-label": passage.label, "data-kind": passage.kind, ...parts.attributes?.(passage) };
  let element: ReactNode;
  switch (passage.kind) {
    case "caption":
      element = (
        <figure className="passage caption" {...common}>
          {parts.margin(passage)}
          <div className="lost-image" aria-hidden="true">
            Photograph not preserved
          </div>
          <figcaption>
            <span className="visually-hidden">Photo caption (the photograph was not preserved): </span>
            {parts.text(passage)}
          </figcaption>
        </figure>
      );
      break;
    case "heading": {
      const Tag = `h${Math.min(Math.max(passage.attrs.depth ?? 3, 3), 6)}` as "h3";
      element = (
        <Tag className="passage subheading" {...common}>
          {parts.margin(passage)}
          {parts.text(passage)}
        </Tag>
      );
      break;
    }
    default:
      element = (
        <p className={passage.kind === "footnote" ? "passage footnote" : "passage"} {...common}>
          {parts.margin(passage)}
          {parts.text(passage)}
        </p>
      );
  }
  const after = parts.after?.(passage);
  return after ? (
    <>
      {element}
      {after}
    </>
  ) : (
    element
  );
}

function firstPassageId<P extends PassageView>(block: Block<P>): string {
  if (block.type === "single") return block.passage.id;
  return block.type === "list" ? block.items[0].id : block.passages[0].id;
}

function BlockView<P extends PassageView>({ block, parts }: { block: Block<P>; parts: PassageParts<P> }) {
  if (block.type === "single") return <SinglePassage passage={block.passage} parts={parts} />;
  if (block.type === "quote") {
    return (
      <blockquote className="quotation">
        {block.passages.map((p) => (
          <SinglePassage key={p.id} passage={p} parts={parts} />
        ))}
      </blockquote>
    );
  }
  const items = block.items.map((p) => (
    <li
      key={p.id}
      id={p.id}
      className="passage"
      data-label={p.label}
      data-kind={p.kind}
      {...parts.attributes?.(p)}
      value={block.ordered ? p.attrs.list?.item : undefined}
    >
      {parts.margin(p)}
      {parts.text(p)}
      {parts.after?.(p)}
    </li>
  ));
  return block.ordered ? <ol start={block.start}>{items}</ol> : <ul>{items}</ul>;
}

/** The document's sections: each a <section> with its heading (an h2) and its blocks. */
export function TextSections<P extends PassageView>({ sections, parts }: { sections: SectionBlocks<P>[]; parts: PassageParts<P> }) {
  return sections.map((section) => (
    <section
      key={section.number}
      className="text-section"
      // Named by the heading's words alone (the heading element also holds its margin's controls).
      aria-label={section.heading?.text ?? "Opening"}
    >
      {section.heading ? (
        <>
          <h2
            id={section.heading.id}
            className="passage section-heading"
            data-label={section.heading.label}
            data-kind="heading"
            {...parts.attributes?.(section.heading)}
          >
            {parts.margin(section.heading)}
            {parts.text(section.heading)}
          </h2>
          {parts.after?.(section.heading)}
        </>
      ) : null}
      {section.blocks.map((block) => (
        <BlockView key={firstPassageId(block)} block={block} parts={parts} />
      ))}
    </section>
  ));
}

/** The contents: a link to each section's heading (or the opening's first passage). */
export function ContentsList<P extends PassageView>({ sections }: { sections: SectionBlocks<P>[] }) {
  return (
    <ol>
      {sections.map((s) => {
        const id = s.heading?.id ?? firstPassageId(s.blocks[0]);
        return (
          <li key={id}>
            <a href={`#${id}`} data-toc-target={id}>
              {s.number > 0 ? <span className="toc-number">{s.number}</span> : null}
              {s.heading?.text ?? "Opening"}
            </a>
          </li>
        );
      })}
    </ol>
  );
}

/** The legend of the kinds of names in the text: each kind's underline, with a checkbox that hides it. */
export function NamesLegend({ slug, kinds }: { slug: string; kinds: EntityKind[] }) {
  const counts = new Map<EntityKind, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  if (counts.size === 0) return null;
  return (
    <fieldset className="legend">
      <legend>Names in the text</legend>
      {ENTITY_KINDS.filter((kind) => counts.has(kind)).map((kind) => (
        <label key={kind} className="legend-item">
          <input type="checkbox" id={`show-${kind}`} defaultChecked data-kind-toggle={kind} />
          <span className="swatch" data-kind={kind} aria-hidden="true" />
          <span>
            {ENTITY_KIND_LABELS[kind]} <span className="legend-count">({counts.get(kind)})</span>
          </span>
        </label>
      ))}
      <p className="legend-link">
        <Link href={`/documents/${slug}/entities`}>Index of names</Link>
      </p>
      {counts.has("place") ? (
        <p className="legend-link">
          <Link href={`/documents/${slug}/map`}>Map of places</Link>
        </p>
      ) : null}
    </fieldset>
  );
}

/** The document's citation details (author, publisher, date, source) and its edition line. */
export function DocumentDetails({ metadata, edition }: { metadata: DocumentMetadata; edition: ReactNode }) {
  return (
    <dl className="document-meta">
      <div>
        <dt>Author</dt>
        <dd>{isKnown(metadata.author) ? metadata.author : "unknown"}</dd>
      </div>
      <div>
        <dt>Publisher</dt>
        <dd>{isKnown(metadata.publisher) ? metadata.publisher : "unknown"}</dd>
      </div>
      <div>
        <dt>Published</dt>
        <dd>{isKnown(metadata.published) ? metadata.published : "unknown"}</dd>
      </div>
      <div>
        <dt>Source</dt>
        <dd>{isKnown(metadata.url) ? <a href={metadata.url}>{metadata.url}</a> : "address unknown"}</dd>
      </div>
      <div>
        <dt>Edition</dt>
        <dd>{edition}</dd>
      </div>
    </dl>
  );
}

/** The editorial note of a version's frontmatter, folded. */
export function EditorialNote({ metadata }: { metadata: DocumentMetadata }) {
  if (!metadata.editorialNote) return null;
  return (
    <details className="editorial-note">
      <summary>Editorial note{metadata.titleSupplied ? " (the title is the editor’s)" : ""}</summary>
      <p>{metadata.editorialNote}</p>
    </details>
  );
}
