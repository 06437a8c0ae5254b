"use client";

import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from "react";
import type { NoteGroup } from "./use-note-placement";

/** Space between two notes stacked in the margin (px). */
const MARGIN_GAP = 8;

/**
 * In the margin (`wide`), each passage's notes start level with it, pushed down below the notes
 * above: the top of each group in `column`, by passage id, measured again when the text or a
 * group changes size.
 */
export function useMarginLayout(column: RefObject<HTMLDivElement | null>, wide: boolean, groups: NoteGroup[]) {
  const [tops, setTops] = useState<Map<string, number>>(new Map());

  const layout = useCallback(() => {
    const element = column.current;
    if (!element || !wide) return;
    const origin = element.getBoundingClientRect().top;
    const next = new Map<string, number>();
    let floor = 0;
    for (const group of element.querySelectorAll<HTMLElement>(":scope > [data-margin-notes]")) {
      const id = group.dataset.marginNotes ?? "";
      const passage = document.getElementById(id);
      const wanted = passage ? passage.getBoundingClientRect().top - origin : floor;
      const top = Math.max(wanted, floor);
      next.set(id, Math.round(top));
      floor = top + group.offsetHeight + MARGIN_GAP;
    }
    setTops((old) => (old.size === next.size && [...next].every(([k, v]) => old.get(k) === v) ? old : next));
  }, [column, wide]);

  useLayoutEffect(layout);

  useEffect(() => {
    if (!wide) return;
    const observer = new ResizeObserver(() => layout());
    const text = document.getElementById("text");
    if (text) observer.observe(text);
    if (column.current) for (const child of column.current.children) observer.observe(child);
    return () => observer.disconnect();
  }, [wide, groups, layout, column]);

  return tops;
}
