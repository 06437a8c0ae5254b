"use client";

import { useEffect, useRef, useState } from "react";
import { MARKUP_CHANGED, takeOver } from "./markup-handoff";

interface Held {
  /** The hash of the markup shown; "" for none or one from another page. */
  token: string;
  markup: string;
}

/**
 * What the island shows when it renders first: on the server, the markup handed over by
 * KeptMarkup; in the browser, the markup the page's HTML brought (read from the element itself, so
 * that hydration finds what it expects), or, after a client navigation, nothing until it loads.
 */
function initial(id: string, token: string, src: string): Held {
  if (typeof window === "undefined") {
    const markup = takeOver(token);
    return markup === undefined ? { token: "", markup: "" } : { token, markup };
  }
  const element = document.getElementById(id);
  if (!element) return { token: "", markup: "" };
  // The same page's older markup stays on the screen until the new one has loaded.
  return element.dataset.markupSrc === src ? { token: element.dataset.markup ?? "", markup: element.innerHTML } : { token: "", markup: "" };
}

/** The island's markup in the HTML of the page at `src`. */
async function load(id: string, src: string): Promise<Held | null> {
  const response = await fetch(src, { headers: { accept: "text/html" }, credentials: "same-origin" });
  if (!response.ok) return null;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const element = page.getElementById(id);
  return element ? { token: element.dataset.markup ?? "", markup: element.innerHTML } : null;
}

/** The browser's side of KeptMarkup: the markup's element, whose content React never renders again. */
export function MarkupIsland({ id, className, token, src }: { id: string; className?: string; token: string; src: string }) {
  const [held, setHeld] = useState(() => initial(id, token, src));
  // One load per markup the server names: what loads is shown even if it is newer still.
  const loading = useRef("");
  useEffect(() => {
    if (held.token === token || loading.current === token) return;
    loading.current = token;
    load(id, src)
      .then((loaded) => {
        if (loaded) setHeld(loaded);
      })
      .catch(() => {});
  }, [id, token, src, held.token]);
  // Markup replaced after the first render (loaded, or loaded anew): its elements are new.
  const first = useRef(held);
  useEffect(() => {
    if (held !== first.current) document.dispatchEvent(new CustomEvent(MARKUP_CHANGED, { detail: { id } }));
  }, [held, id]);
  return (
    <div id={id} className={className} data-markup={held.token} data-markup-src={src} dangerouslySetInnerHTML={{ __html: held.markup }} />
  );
}
