"use client";

import { useEffect, useState } from "react";
import { fragmentId } from "@/lib/citations/fragment-id";
import { findTextDirective, parseTextDirectives } from "@/lib/citations/text-fragment";
import { keepInView } from "./keep-in-view";
import { rangesForOffsets, renderedText, setHighlight } from "../_selection/offset-range";

/** A quote link as the server resolved it against the current text. */
export type CitedQuote = { state: "exact" | "moved"; start: number; end: number } | { state: "gone"; exact: string };

/** The URL the page was loaded with: Chromium keeps the `:~:` directive there, not in location.hash. */
function navigationUrl(): string {
  const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  return entry?.name ?? window.location.href;
}

function highlightAndShow(start: number, end: number): boolean {
  const ranges = rangesForOffsets(document, start, end);
  if (ranges.length === 0) return false;
  setHighlight("gloss-cited", ranges);
  keepInView(ranges[0]);
  return true;
}

/**
 * Lands a permalink on its words: a quote link (resolved on the server) or a text fragment
 * (`#:~:text=`, read from the navigation entry) is highlighted exactly, with a CSS Custom
 * Highlight, and its words are kept in view while the page settles. When the words are not in the text any more, or a passage link's
 * passage is gone, it says so instead of highlighting anything else.
 */
export function CitedRange({ quote }: { quote: CitedQuote | null }) {
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (quote) {
      if (quote.state === "gone") {
        const notice = document.getElementById("cite-notice");
        if (notice) keepInView(notice);
      } else highlightAndShow(quote.start, quote.end);
      return;
    }
    const directives = parseTextDirectives(navigationUrl());
    if (directives.length > 0) {
      const text = renderedText(document);
      const found = findTextDirective(text, directives[0]) ?? findTextDirective(text, directives[0], { wordBoundaries: false });
      if (found) highlightAndShow(found.start, found.end);
      else setNotice("The words this link quotes are not in the current text: it has changed since the link was made.");
      return;
    }
    const id = fragmentId(window.location.hash);
    if (id && !document.getElementById(id)) {
      setNotice("The passage this link points to is not in the current text: it has changed since the link was made.");
    }
  }, [quote]);

  if (!notice) return null;
  return (
    <p id="cite-notice" className="cite-notice" role="status" data-cite-notice="">
      {notice}
    </p>
  );
}
