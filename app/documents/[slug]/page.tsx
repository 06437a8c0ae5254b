import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import Link from "next/link";
import { z } from "zod";
import { getDocumentClaims, type ClaimView } from "@/lib/claims/queries";
import { getDocument, type PassageView } from "@/lib/documents/queries";
import { ENTITY_KINDS, ENTITY_KIND_LABELS, type EntityKind } from "@/lib/entities/entity-kinds";
import { getDocumentEntities } from "@/lib/entities/queries";
import { isKnown } from "@/lib/text-model/metadata";
import { groupBlocks, type Block } from "@/lib/text-model/group-blocks";
import { segmentText } from "@/lib/text-model/segment-text";
import { ClaimsPanel, type PanelClaim } from "./claims-panel";
import { SearchBox } from "./search/search-box";
import { EntityCards, type CardEntity } from "./entity-cards";
import { ReaderClient } from "./reader-client";
import { Annotator } from "./annotator";
import { parseQuoteLink } from "@/lib/citations/quote-link";
import { resolveQuote } from "@/lib/citations/resolve-quote";
import { CitePopover } from "./cite-popover";
import { CitedRange, type CitedQuote } from "./cited-range";
import citeStyles from "./cite.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const claimParam = z
  .string()
  .regex(/^[a-z0-9-]{1,200}$/)
  .optional()
  .catch(undefined);

const loadDocument = cache(async (slug: string) => (/^[a-z0-9-]{1,200}$/.test(slug) ? getDocument(slug) : null));

/** A mention placed in the text: which entity, of which kind. */
interface InlineMention {
  id: string;
  start: number;
  end: number;
  entityId: string;
  kind: EntityKind;
  name: string;
}

/**
 * A passage with the mentions that fall in it, the claims it bears on, its stance on the chosen
 * claim, and whether the words a permalink quotes are in it.
 */
type ReaderPassage = PassageView & { mentions: InlineMention[]; claims: string[]; evidence?: string; cited?: boolean };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const document = await loadDocument((await params).slug);
  return { title: document?.title ?? "Not found" };
}

/** The passage's margin: its number, the ¶ permalink (copied to the clipboard with JS on) and the Cite button (JS only). */
function Margin({ passage }: { passage: ReaderPassage }) {
  const count = passage.claims.length;
  return (
    <>
      <span className="margin" data-margin="">
        <span className="pnum" aria-hidden="true">
          {passage.paragraph > 0 ? passage.paragraph : "§"}
        </span>
        <a className="permalink" href={`#${passage.id}`} aria-label={`Permalink to ${passage.label}`} title={`Link to ${passage.label}`}>
          ¶
        </a>
        <button
          type="button"
          className={citeStyles.citeButton}
          data-cite-passage={passage.id}
          aria-haspopup="dialog"
          aria-label={`Cite ${passage.label}`}
          title={`Cite ${passage.label}`}
        />
      </span>
      {count > 0 ? (
        <a
          className="claim-marker"
          href={`?claim=${passage.claims[0]}#${passage.id}`}
          data-claim={passage.claims[0]}
          data-margin=""
          aria-label={`${count === 1 ? "1 claim rests" : `${count} claims rest`} on ${passage.label}`}
          title={`${count === 1 ? "1 claim rests" : `${count} claims rest`} on this passage`}
        >
          {count}
        </a>
      ) : null}
    </>
  );
}

/** The passage's words, with its entity mentions as links to the entity (cards open on them). */
function Text({ passage }: { passage: ReaderPassage }) {
  return (
    <span className="passage-text" data-start={passage.start} data-end={passage.end}>
      {segmentText(passage.text, passage.start, passage.mentions).map((segment) =>
        segment.range ? (
          <a
            key={segment.start}
            className="mention"
            href={`/entities/${segment.range.entityId}`}
            data-entity={segment.range.entityId}
            data-kind={segment.range.kind}
            data-mention={segment.range.id}
          >
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </span>
  );
}

function SinglePassage({ passage }: { passage: ReaderPassage }) {
  const common = {
    id: passage.id,
    "data-label": passage.label,
    "data-kind": passage.kind,
    "data-evidence": passage.evidence,
    "data-cited": passage.cited ? "" : undefined,
  };
  switch (passage.kind) {
    case "caption":
      return (
        <figure className="passage caption" {...common}>
          <Margin passage={passage} />
          <div className="lost-image" aria-hidden="true">
            Photograph not preserved
          </div>
          <figcaption>
            <span className="visually-hidden">Photo caption (the photograph was not preserved): </span>
            <Text passage={passage} />
          </figcaption>
        </figure>
      );
    case "heading": {
      const Tag = `h${Math.min(Math.max(passage.attrs.depth ?? 3, 3), 6)}` as "h3";
      return (
        <Tag className="passage subheading" {...common}>
          <Margin passage={passage} />
          <Text passage={passage} />
        </Tag>
      );
    }
    default:
      return (
        <p className="passage" {...common}>
          <Margin passage={passage} />
          <Text passage={passage} />
        </p>
      );
  }
}

function firstPassageId(block: Block<ReaderPassage>): string {
  if (block.type === "single") return block.passage.id;
  return block.type === "list" ? block.items[0].id : block.passages[0].id;
}

function BlockView({ block }: { block: Block<ReaderPassage> }) {
  if (block.type === "single") return <SinglePassage passage={block.passage} />;
  if (block.type === "quote") {
    return (
      <blockquote className="quotation">
        {block.passages.map((p) => (
          <SinglePassage key={p.id} passage={p} />
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
      data-cited={p.cited ? "" : undefined}
      value={block.ordered ? p.attrs.list?.item : undefined}
    >
      <Margin passage={p} />
      <Text passage={p} />
    </li>
  ));
  return block.ordered ? <ol start={block.start}>{items}</ol> : <ul>{items}</ul>;
}

// The reader: the document's current version, server-rendered, with contents and permalinks.
export default async function ReaderPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const chosenId = claimParam.parse(query.claim);
  const quoteLink = parseQuoteLink(query);
  const [document, entities, claims] = await Promise.all([loadDocument(slug), getDocumentEntities(slug), getDocumentClaims(slug)]);
  if (!document) notFound();
  const chosen: ClaimView | undefined = claims?.find((c) => c.id === chosenId);
  const claimsByPassage = new Map<string, string[]>();
  for (const claim of claims ?? []) {
    for (const e of claim.evidence) {
      const list = claimsByPassage.get(e.passageId) ?? [];
      if (!list.includes(claim.id)) list.push(claim.id);
      claimsByPassage.set(e.passageId, list);
    }
  }
  const stanceOf = new Map<string, string>();
  for (const e of chosen?.evidence ?? [])
    stanceOf.set(e.passageId, stanceOf.has(e.passageId) && stanceOf.get(e.passageId) !== e.stance ? "mixed" : e.stance);
  const { metadata } = document;
  // A quote permalink: its words found in the current text (where they were, or where they moved), or gone.
  const resolved = quoteLink ? resolveQuote(document.text, quoteLink) : null;
  const cited: CitedQuote | null = !resolved
    ? null
    : resolved.state === "gone"
      ? { state: "gone", exact: quoteLink!.exact }
      : { state: resolved.state, start: resolved.start, end: resolved.end };
  const isCited = (p: PassageView) => cited !== null && cited.state !== "gone" && p.start < cited.end && p.end > cited.start;

  const mentions: InlineMention[] = (entities ?? [])
    .flatMap((e) => e.mentions.map((m) => ({ id: m.annotationId, start: m.start, end: m.end, entityId: e.id, kind: e.kind, name: e.name })))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let cursor = 0;
  const passages: ReaderPassage[] = document.passages.map((p) => {
    const inside: InlineMention[] = [];
    while (cursor < mentions.length && mentions[cursor].start < p.end) {
      if (mentions[cursor].start >= p.start) inside.push(mentions[cursor]);
      cursor++;
    }
    return { ...p, mentions: inside, claims: claimsByPassage.get(p.id) ?? [], evidence: stanceOf.get(p.id), cited: isCited(p) };
  });
  const sections = groupBlocks(passages);
  const cardEntities: CardEntity[] = (entities ?? []).map((e) => ({
    id: e.id,
    name: e.name,
    kind: e.kind,
    description: e.description,
    aliases: e.aliases,
    mentions: e.mentions.length,
  }));
  const kindCounts = new Map<EntityKind, number>();
  for (const e of entities ?? []) kindCounts.set(e.kind, (kindCounts.get(e.kind) ?? 0) + 1);
  const sectionTitles = new Map(sections.map((s) => [s.number, s.heading?.text ?? "Opening"]));
  const panelClaims: PanelClaim[] = (claims ?? []).map((c) => ({
    id: c.id,
    statement: c.statement,
    kind: c.kind,
    date: c.date,
    section: c.section,
    evidence: c.evidence.map(({ stance, start, end, passageId, passageLabel }) => ({ stance, start, end, passageId, passageLabel })),
  }));
  const contents = sections.map((s) => ({
    id: s.heading?.id ?? firstPassageId(s.blocks[0]),
    title: s.heading?.text ?? "Opening",
    number: s.number,
  }));

  return (
    <div className="reader">
      <nav className="toc" aria-label="Contents">
        <div className="toc-panel">
          <SearchBox slug={document.slug} />
          <details open>
            <summary>Contents</summary>
            <ol>
              {contents.map((c) => (
                <li key={c.id}>
                  <a href={`#${c.id}`} data-toc-target={c.id}>
                    {c.number > 0 ? <span className="toc-number">{c.number}</span> : null}
                    {c.title}
                  </a>
                </li>
              ))}
            </ol>
          </details>
          {kindCounts.size > 0 ? (
            <fieldset className="legend">
              <legend>Names in the text</legend>
              {ENTITY_KINDS.filter((kind) => kindCounts.has(kind)).map((kind) => (
                <label key={kind} className="legend-item">
                  <input type="checkbox" id={`show-${kind}`} defaultChecked data-kind-toggle={kind} />
                  <span className="swatch" data-kind={kind} aria-hidden="true" />
                  <span>
                    {ENTITY_KIND_LABELS[kind]} <span className="legend-count">({kindCounts.get(kind)})</span>
                  </span>
                </label>
              ))}
              <p className="legend-link">
                <Link href={`/documents/${document.slug}/entities`}>Index of names</Link>
              </p>
            </fieldset>
          ) : null}
        </div>
      </nav>

      <article className="document" lang={document.language} id="text" data-version={document.version}>
        <header className="document-header">
          <h1>{document.title}</h1>
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
              <dd>
                version {document.versionNumber} <code title={document.version}>{document.version.slice(0, 12)}</code>
              </dd>
            </div>
          </dl>
          {metadata.editorialNote ? (
            <details className="editorial-note">
              <summary>Editorial note{metadata.titleSupplied ? " (the title is the editor’s)" : ""}</summary>
              <p>{metadata.editorialNote}</p>
            </details>
          ) : null}
          {cited?.state === "gone" ? (
            <p id="cite-notice" className="cite-notice" role="status">
              The words this link quotes are not in the current text: “
              {cited.exact.length > 300 ? `${cited.exact.slice(0, 300)}…` : cited.exact}”. The text has changed since the link was made.
            </p>
          ) : null}
          <CitedRange quote={cited} />
        </header>

        {sections.map((section) => (
          <section
            key={section.number}
            className="text-section"
            aria-labelledby={section.heading?.id}
            aria-label={section.heading ? undefined : "Opening"}
          >
            {section.heading ? (
              <h2
                id={section.heading.id}
                className="passage section-heading"
                data-label={section.heading.label}
                data-kind="heading"
                data-cited={section.heading.cited ? "" : undefined}
              >
                <Margin passage={section.heading} />
                <Text passage={section.heading} />
              </h2>
            ) : null}
            {section.blocks.map((block) => (
              <BlockView key={firstPassageId(block)} block={block} />
            ))}
          </section>
        ))}
      </article>
      {panelClaims.length > 0 ? (
        <ClaimsPanel slug={document.slug} claims={panelClaims} sections={[...sectionTitles]} chosen={chosen?.id ?? null} />
      ) : null}
      <ReaderClient />
      <CitePopover slug={document.slug} />
      <Annotator slug={document.slug} />
      {cardEntities.length > 0 ? <EntityCards entities={cardEntities} /> : null}
    </div>
  );
}
