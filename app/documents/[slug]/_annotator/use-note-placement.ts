"use client";

import { useEffect, useState } from "react";
import { setHighlight } from "../_selection/offset-range";
import { useMarkupChanges } from "../_text/use-markup-changes";
import { rangeFromOffsets } from "../_selection/text-range";
import { anchoringOf, positionOf, type Note, type Viewer } from "./annotation-client";
import { threadShown, threadsOf, type ThreadView } from "./threads";
import type { Shown } from "./use-shown-notes";

/** A passage's notes, where they are shown. */
export interface NoteGroup {
  passageId: string;
  label: string;
  threads: ThreadView[];
}

/** The element a passage's notes go in under the passage: inside a list item, after any other passage. */
function inlineHost(passage: HTMLElement): HTMLElement {
  const existing =
    passage.tagName === "LI" ? passage.querySelector<HTMLElement>(":scope > [data-gloss-notes]") : passage.nextElementSibling;
  if (existing instanceof HTMLElement && existing.hasAttribute("data-gloss-notes")) return existing;
  const host = document.createElement("div");
  host.setAttribute("data-gloss-notes", passage.id);
  if (passage.tagName === "LI") passage.append(host);
  else passage.after(host);
  return host;
}

/**
 * Where the shown notes go: each thread's passage found and its words highlighted, the threads
 * grouped by passage in the text's order, with a host element under each passage when the notes
 * are not in the margin (`wide`). Threads whose words are no longer in the text (orphans) are
 * listed after it, not highlighted, in `lostHost`.
 */
export function useNotePlacement(notes: Note[], showing: Shown, viewer: Viewer | null | undefined, wide: boolean) {
  const [groups, setGroups] = useState<NoteGroup[]>([]);
  const [hosts, setHosts] = useState<Map<string, HTMLElement>>(new Map());
  const [lost, setLost] = useState<ThreadView[]>([]);
  const [lostHost, setLostHost] = useState<HTMLElement | null>(null);
  const textChanges = useMarkupChanges();

  useEffect(() => {
    const root = document.getElementById("text");
    if (!root) return;
    const ranges: Range[] = [];
    const byPassage = new Map<string, NoteGroup>();
    const order: HTMLElement[] = [];
    const orphans: ThreadView[] = [];
    for (const thread of threadsOf(notes).filter((t) => threadShown(t, showing, viewer))) {
      if (anchoringOf(thread.root)?.state === "orphaned") {
        orphans.push(thread);
        continue;
      }
      const at = positionOf(thread.root);
      if (!at) continue;
      const range = rangeFromOffsets(root, at.start, at.end);
      if (!range) continue;
      ranges.push(range);
      const passage = (range.startContainer.parentElement as HTMLElement | null)?.closest<HTMLElement>(".passage");
      if (!passage) continue;
      let group = byPassage.get(passage.id);
      if (!group) {
        group = { passageId: passage.id, label: passage.dataset.label ?? passage.id, threads: [] };
        byPassage.set(passage.id, group);
        order.push(passage);
      }
      group.threads.push(thread);
    }
    setHighlight("gloss-comment", ranges);
    order.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const map = new Map<string, HTMLElement>();
    if (!wide) for (const passage of order) map.set(passage.id, inlineHost(passage));
    for (const element of root.querySelectorAll<HTMLElement>("[data-gloss-notes]"))
      if (!map.has(element.dataset.glossNotes ?? "")) element.remove();
    setGroups(order.map((p) => byPassage.get(p.id)!));
    setHosts(map);
    setLost(orphans);
    let host = document.querySelector<HTMLElement>("[data-gloss-lost]");
    if (orphans.length > 0 && !host) {
      host = document.createElement("div");
      host.setAttribute("data-gloss-lost", "");
      // At the end of the text column, so the page's grid keeps its side panels where they are.
      root.append(host);
    }
    if (orphans.length === 0 && host) {
      host.remove();
      host = null;
    }
    setLostHost(host);
  }, [notes, wide, showing, viewer, textChanges]);

  return { groups, hosts, lost, lostHost };
}
