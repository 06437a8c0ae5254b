"use client";

import { useEffect, useState } from "react";
import { fragmentId } from "@/lib/citations/fragment-id";
import { keepInView } from "./keep-in-view";

/** A quote link as the server resolved it against the current text. */
export type CitedQuote = { state: "exact" | "moved"; start: number; end: number } | { state: "gone"; exact: string };

/** The URL the page was loaded with: Chromium keeps the `:~:` directive there, not in location.hash. */
function navigationUrl(): string {
  const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  return entry?.name ?? window.location.href;
}

// What lands on words (offsets to ranges, text directives) is loaded only for an address that
// names words: most loads of the reader name none, and it stays out of their first scripts.
const offsets = () => import("../_selection/offset-range");

async function highlightAndShow(start: number, end: number): Promise<void> {
  const { rangesForOffsets, setHighlight } = await offsets();
  const ranges = rangesForOffsets(document, start, end);
  if (ranges.length === 0) return;
  setHighlight("gloss-cited", ranges);
  keepInView(ranges[0]);
}

/** Highlights the first text directive's words (`#:~:text=`), or says they are gone. */
async function landOnDirective(url: string, gone: () => void): Promise<void> {
  const [{ findTextDirective, parseTextDirectives }, { renderedText }] = await Promise.all([
    import("@/lib/citations/text-fragment"),
    offsets(),
  ]);
  const directives = parseTextDirectives(url);
  if (directives.length === 0) return;
  const text = renderedText(document);
  const found = findTextDirective(text, directives[0]) ?? findTextDirective(text, directives[0], { wordBoundaries: false });
  if (found) await highlightAndShow(found.start, found.end);
  else gone();
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
      } else void highlightAndShow(quote.start, quote.end);
      return;
    }
    const url = navigationUrl();
    if (url.includes(":~:")) {
      void landOnDirective(url, () =>
        setNotice("The words this link quotes are not in the current text: it has changed since the link was made."),
      );
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
