import type { Metadata } from "next";
import { isDatabaseUnavailable } from "@/lib/api/errors";
import { Unavailable } from "@/app/unavailable";
import { notFound } from "next/navigation";
import { cache } from "react";
import Link from "next/link";
import { z } from "zod";
import { getDocumentClaims, type ClaimView } from "@/lib/claims/queries";
import { getDocument, type PassageView } from "@/lib/documents/queries";
import type { Viewer } from "@/lib/documents/visibility";
import { getDocumentEntities } from "@/lib/entities/queries";
import { groupBlocks } from "@/lib/text-model/group-blocks";
import { rangesByPassage } from "@/lib/text-model/segment-text";
import { ClaimsList, type ListedClaim } from "../_panels/claims-list";
import { SearchBox } from "../search/search-box";
import { ReaderClient } from "./reader-client";
import { Annotator } from "../_annotator/annotator";
import { DeferredCitePopover, DeferredClaimsPanel, DeferredEntityCards, DeferredPassageLink } from "./deferred";
import { parseQuoteLink } from "@/lib/citations/quote-link";
import { resolveQuote } from "@/lib/citations/resolve-quote";
import { CitedRange, type CitedQuote } from "./cited-range";
import { KeptMarkup } from "./kept-markup";
import {
  ContentsList,
  DocumentDetails,
  EditorialNote,
  NamesLegend,
  PassageMargin,
  PassageText,
  TextSections,
  type InlineMention,
  type PassageParts,
} from "./passages";
import { isId } from "@/lib/validation/ids";

/** What the reader's address may carry: a chosen claim, or a quote link's words. */
export type ReaderQuery = Record<string, string | string[] | undefined>;

const claimParam = z.string().refine(isId).optional().catch(undefined);

const loadDocument = cache(async (slug: string, viewer: Viewer) => (isId(slug) ? getDocument(slug, viewer) : null));

type ReaderPassage = PassageView & { mentions: InlineMention[]; claims: string[]; evidence?: string; cited?: boolean };

/** The reader's title: the document's (as `viewer` may see it). */
export async function readerMetadata(slug: string, viewer: Viewer): Promise<Metadata> {
  try {
    const document = await loadDocument(slug, viewer);
    return { title: document?.title ?? "Not found" };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { title: "Unavailable" };
    throw error;
  }
}

/** The passage's margin: its number and the ¶ permalink (copied to the clipboard with JS on); with JS, reader-client.tsx adds a Cite button. */
function Margin({ passage }: { passage: ReaderPassage }) {
  const count = passage.claims.length;
  return (
    <>
      <PassageMargin passage={passage} />
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

/** The reader's way of rendering a passage: its margin, its words with their names, its claims' stance. */
const readerParts: PassageParts<ReaderPassage> = {
  margin: (passage) => <Margin passage={passage} />,
  text: (passage) => <PassageText passage={passage} mentions={passage.mentions} />,
  attributes: (passage) => ({ "data-evidence": passage.evidence, "data-cited": passage.cited ? "" : undefined }),
};

/**
 * The reader: the document's current version as `viewer` may see it (someone else's private
 * document is not found), server-rendered, with contents and permalinks. `cached` is set where the
 * page is kept per version and revision, for everyone (so its viewer is nobody): there a database
 * failure is thrown, so that the message saying so is never what is kept.
 */
export async function ReaderView({
  slug,
  query,
  viewer,
  cached = false,
}: {
  slug: string;
  query: ReaderQuery;
  viewer: Viewer;
  cached?: boolean;
}) {
  const chosenId = claimParam.parse(query.claim);
  const quoteLink = parseQuoteLink(query);
  let loaded;
  try {
    loaded = await Promise.all([loadDocument(slug, viewer), getDocumentEntities(slug, viewer), getDocumentClaims(slug, viewer)]);
  } catch (error) {
    if (isDatabaseUnavailable(error) && !cached) return <Unavailable />;
    throw error;
  }
  const [document, entities, claims] = loaded;
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
  const mentionsIn = rangesByPassage(document.passages, mentions);
  const passages: ReaderPassage[] = document.passages.map((p) => ({
    ...p,
    mentions: mentionsIn.get(p.id) ?? [],
    claims: claimsByPassage.get(p.id) ?? [],
    evidence: stanceOf.get(p.id),
    cited: isCited(p),
  }));
  const sections = groupBlocks(passages);
  const firstEvidence = chosen?.evidence
    .map(({ start, end, passageId }) => ({ start, end, passageId }))
    .sort((a, b) => a.start - b.start || a.end - b.end)[0];
  const sectionTitles = new Map(sections.map((s) => [s.number, s.heading?.text ?? "Opening"]));
  // The address of this very page, where the browser finds the kept markup when it renders the page itself.
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => [name, v]),
    ),
  ).toString();
  const src = `/documents/${document.slug}${search ? `?${search}` : ""}`;
  const panelClaims: ListedClaim[] = (claims ?? []).map((c) => ({
    id: c.id,
    statement: c.statement,
    kind: c.kind,
    date: c.date,
    section: c.section,
    origin: c.origin,
    createdBy: c.createdBy,
    evidence: c.evidence.map(({ stance, start, end, passageId, passageLabel }) => ({ stance, start, end, passageId, passageLabel })),
  }));
  return (
    <div className="reader">
      <nav className="toc" aria-label="Contents">
        <div className="toc-panel">
          <SearchBox slug={document.slug} />
          <details open>
            <summary>Contents</summary>
            <ContentsList sections={sections} />
          </details>
          <NamesLegend slug={document.slug} kinds={(entities ?? []).map((e) => e.kind)} />
          {/* Whose notes to show, and the export of one's own (annotator.tsx; with JavaScript, which shows notes). */}
          <div data-notes-control="" />
        </div>
      </nav>

      {/* The chosen claim's evidence stepper goes here (claims-panel.tsx): before the text in reading order, fixed at the foot of the screen. */}
      {panelClaims.length > 0 ? <div className="claim-stepper-host" data-claim-stepper="" /> : null}
      <article className="document" lang={document.language} id="text" data-version={document.version}>
        <header className="document-header">
          <h1>{document.title}</h1>
          <DocumentDetails
            metadata={metadata}
            edition={
              <>
                version {document.versionNumber} <code title={document.version}>{document.version.slice(0, 12)}</code> ·{" "}
                <Link href={`/documents/${document.slug}/versions`}>history</Link>
              </>
            }
          />
          <EditorialNote metadata={metadata} />
          {cited?.state === "gone" ? (
            <p id="cite-notice" className="cite-notice" role="status">
              The words this link quotes are not in the current text: “
              {cited.exact.length > 300 ? `${cited.exact.slice(0, 300)}…` : cited.exact}”. The text has changed since the link was made.
            </p>
          ) : null}
          <CitedRange quote={cited} />
        </header>

        <KeptMarkup id="text-body" src={src}>
          <TextSections sections={sections} parts={readerParts} />
        </KeptMarkup>
      </article>
      {panelClaims.length > 0 ? (
        <aside className="claims-panel" aria-labelledby="claims-heading">
          <KeptMarkup id="claims-list" className="claims-panel-inner" src={src}>
            <ClaimsList slug={document.slug} claims={panelClaims} sections={[...sectionTitles]} chosen={chosen?.id ?? null} />
          </KeptMarkup>
          <DeferredClaimsPanel
            slug={document.slug}
            chosen={
              chosen
                ? {
                    id: chosen.id,
                    statement: chosen.statement,
                    evidence: chosen.evidence.map(({ stance, start, end, passageId, passageLabel }) => ({
                      stance,
                      start,
                      end,
                      passageId,
                      passageLabel,
                    })),
                  }
                : null
            }
          />
        </aside>
      ) : null}
      <ReaderClient wordsNamed={cited !== null || chosen !== undefined} evidence={firstEvidence} citeButtons />
      <DeferredCitePopover slug={document.slug} />
      <DeferredPassageLink slug={document.slug} />
      <Annotator slug={document.slug} />
      {entities && entities.length > 0 ? <DeferredEntityCards /> : null}
    </div>
  );
}
