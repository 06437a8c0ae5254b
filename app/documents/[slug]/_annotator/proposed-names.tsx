"use client";

import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { ENTITY_KIND_NAMES } from "@/lib/entities/entity-kinds";
import type { ProposalView } from "@/lib/entities/review-proposals";
import { setHighlight } from "../_selection/offset-range";
import { rangeFromOffsets } from "../_selection/text-range";
import type { Viewer } from "./annotation-client";

type Proposed = Pick<ProposalView, "start" | "end" | "exact" | "name" | "kind" | "group" | "passageId" | "entity">;

/** "Proposed: Zhang Zhizhong (person)". */
const proposedNote = (p: Proposed) => `Proposed: ${p.entity?.name ?? p.name} (${ENTITY_KIND_NAMES[p.kind].toLowerCase()})`;

/** The UTF-16 offset into the document's text of the point under the pointer, or null off the words. */
function offsetAtPoint(x: number, y: number): { words: HTMLElement; at: number } | null {
  const caret = document.caretRangeFromPoint?.(x, y);
  const node = caret?.startContainer;
  const words = (node instanceof Element ? node : node?.parentElement)?.closest<HTMLElement>(".passage-text[data-start]");
  if (!caret || !words) return null;
  const before = document.createRange();
  before.selectNodeContents(words);
  before.setEnd(caret.startContainer, caret.startOffset);
  return { words, at: Number(words.dataset.start) + before.toString().length };
}

/**
 * The names an import proposes, shown to whoever may review them (the document's owner, or an
 * editor when it is public) and to no one else: the reader's page is the same for every reader (and
 * kept as one copy), so they are asked for here, in the reviewer's browser, after the page loads;
 * the API answers 404 to anyone else, who sees nothing. Their words get a dashed underline (a
 * CSS Custom Highlight, so the server's text is left as it is), the words under the pointer say
 * what is proposed (a title), each passage holding some says so to screen readers, and a link by
 * the title leads to the review queue.
 */
export function ProposedNames({ slug, viewer }: { slug: string; viewer: Viewer | null | undefined }) {
  const [proposals, setProposals] = useState<Proposed[]>([]);

  useEffect(() => {
    setProposals([]);
    if (!viewer) return;
    let live = true;
    fetch(`/api/documents/${encodeURIComponent(slug)}/proposals`, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<{ proposals: Proposed[] }>) : { proposals: [] }))
      .then((body) => live && setProposals(body.proposals))
      // Proposals are an aid to their reviewer: when they cannot be read, the reader reads on without them.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [slug, viewer]);

  useEffect(() => {
    const root = document.getElementById("text");
    if (!root || proposals.length === 0) return;
    const described: HTMLElement[] = [];
    const draw = () => {
      const ranges = proposals.map((p) => rangeFromOffsets(root, p.start, p.end)).filter((r): r is Range => r !== null);
      setHighlight("gloss-proposed", ranges);
    };
    draw();
    const byPassage = new Map<string, Set<string>>();
    for (const p of proposals) byPassage.set(p.passageId, (byPassage.get(p.passageId) ?? new Set()).add(proposedNote(p)));
    for (const [passageId, notes] of byPassage) {
      const passage = document.getElementById(passageId);
      if (!passage) continue;
      passage.setAttribute("aria-description", [...notes].join("; "));
      described.push(passage);
    }
    // The server may render the text again (a name identified here): the highlight follows its new nodes.
    let frame = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(draw);
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    let titled: HTMLElement | null = null;
    const onMove = (event: PointerEvent) => {
      const point = offsetAtPoint(event.clientX, event.clientY);
      const hit = point ? proposals.find((p) => p.start <= point.at && point.at < p.end) : undefined;
      titled?.removeAttribute("title");
      titled = hit && point ? point.words : null;
      if (titled && hit) titled.title = proposedNote(hit);
    };
    root.addEventListener("pointermove", onMove);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      root.removeEventListener("pointermove", onMove);
      titled?.removeAttribute("title");
      for (const passage of described) passage.removeAttribute("aria-description");
      setHighlight("gloss-proposed", []);
    };
  }, [proposals]);

  const host = useReviewLinkHost(proposals.length > 0);
  if (!host) return null;
  const names = new Set(proposals.map((p) => p.group)).size;
  return createPortal(
    <a className="review-link" href={`/documents/${encodeURIComponent(slug)}/review`}>
      Review {names === 1 ? "1 proposed name" : `${names} proposed names`}
    </a>,
    host,
  );
}

/**
 * The element under the document's title that holds the link to the queue, made only while there
 * are proposals to review: the reader of anyone else keeps exactly the server's page.
 */
function useReviewLinkHost(wanted: boolean): HTMLElement | null {
  const [host, setHost] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const title = wanted ? document.querySelector("#text .document-header h1") : null;
    if (!title) return;
    const element = document.createElement("div");
    element.setAttribute("data-review-link", "");
    title.after(element);
    setHost(element);
    return () => {
      element.remove();
      setHost(null);
    };
  }, [wanted]);
  return host;
}
