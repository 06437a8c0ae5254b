"use client";

import { lazy, Suspense, useEffect, useState, type ComponentType } from "react";

/**
 * A part of the reader that loads after the page has painted and become interactive, not with it,
 * as its own chunk fetched once the page has hydrated: the page's own scripts stay within their
 * budget (docs/performance.md).
 */
function deferred<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  function Deferred(props: P) {
    const [mounted, setMounted] = useState(false);
    useEffect(() => setMounted(true), []);
    return mounted ? (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    ) : null;
  }
  return Deferred;
}

/** The citation dialog. The margin's Cite buttons stay hidden until it is there (html[data-cite-ready]). */
export const DeferredCitePopover = deferred(() => import("../_panels/cite-popover").then((m) => m.CitePopover));

/** Following a link to a passage the text no longer has under that id (made on an earlier version). */
export const DeferredPassageLink = deferred(() => import("../_panels/passage-link").then((m) => m.PassageLink));
