"use client";

import { lazy, Suspense, useEffect, useState, type ComponentType } from "react";
import { fragmentId } from "@/lib/citations/fragment-id";

/** What counts as the reader starting to use the page: a pointer, a key, focus moving, a touch. */
const INTERACTIONS = ["pointerdown", "pointermove", "keydown", "focusin", "touchstart"] as const;

let interacted: Promise<void> | null = null;

/** Resolves at the reader's first interaction with the page. */
export function firstInteraction(): Promise<void> {
  interacted ??= new Promise((resolve) => {
    const done = () => {
      for (const name of INTERACTIONS) window.removeEventListener(name, done, true);
      resolve();
    };
    for (const name of INTERACTIONS) window.addEventListener(name, done, { capture: true, passive: true });
  });
  return interacted;
}

interface Deferral {
  /** When to load: at the first interaction (the default), or at once when this says the page needs it. */
  neededAtOnce?: () => boolean;
  /** Clicks on elements matching this, made before the part was there, are made again once it is. */
  replayClicks?: string;
  /** Events of these types sent to the document before the part was there are sent again once it is. */
  replayEvents?: string[];
  /**
   * Elements matching this that the pointer is over, or that have focus, when the part arrives are
   * told again (mouseover, focusin): the hover or Tab that was the first interaction is answered.
   */
  replayHoverAndFocus?: string;
}

/**
 * A part of the reader that is not needed to read: its own chunk, fetched at the reader's first
 * interaction (or when `neededAtOnce` says so, or a click or event it answers comes), not with the page, so that the page's scripts stay
 * within their budget (docs/performance.md). What the reader did meanwhile that the part answers
 * (a click on its button, an event for it) is done again once it is there.
 */
function deferred<P extends object>(load: () => Promise<ComponentType<P>>, deferral: Deferral = {}): ComponentType<P> {
  let replay = () => {};
  const Lazy = lazy(async () => {
    const Part = await load();
    function Replaying(props: P) {
      // Runs after the part's own effects: its listeners are there.
      useEffect(() => replay(), []);
      return <Part {...props} />;
    }
    return { default: Replaying };
  });
  function Deferred(props: P) {
    const [wanted, setWanted] = useState(false);
    useEffect(() => {
      const clicked: Element[] = [];
      const sent: Event[] = [];
      const onClick = (event: MouseEvent) => {
        // A click with a modifier (a link opened in a new tab) is the browser's, now as later.
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        const target = deferral.replayClicks ? (event.target as Element | null)?.closest?.(deferral.replayClicks) : null;
        if (!target) return;
        event.preventDefault();
        clicked.splice(0, clicked.length, target);
        setWanted(true);
      };
      const onEvent = (event: Event) => {
        if (event instanceof CustomEvent) sent.push(new CustomEvent(event.type, { detail: event.detail }));
        setWanted(true);
      };
      document.addEventListener("click", onClick, true);
      for (const name of deferral.replayEvents ?? []) document.addEventListener(name, onEvent);
      const stop = () => {
        document.removeEventListener("click", onClick, true);
        for (const name of deferral.replayEvents ?? []) document.removeEventListener(name, onEvent);
      };
      replay = () => {
        stop();
        for (const element of clicked.splice(0)) if (element instanceof HTMLElement && element.isConnected) element.click();
        for (const event of sent.splice(0)) document.dispatchEvent(event);
        const selector = deferral.replayHoverAndFocus;
        if (!selector) return;
        const hovered = [...document.querySelectorAll(":hover")].pop()?.closest(selector);
        if (hovered) hovered.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
        const focused = document.activeElement?.closest(selector);
        if (focused) focused.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
      };
      if (deferral.neededAtOnce?.()) setWanted(true);
      else void firstInteraction().then(() => setWanted(true));
      return stop;
    }, []);
    return wanted ? (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    ) : null;
  }
  return Deferred;
}

/** The citation dialog, opened by the margin's Cite buttons and by the selection's Cite. */
export const DeferredCitePopover = deferred(() => import("../_panels/cite-popover").then((m) => m.CitePopover), {
  replayClicks: "[data-cite-passage]",
  replayEvents: ["gloss:cite"],
});

/** Following a link to a passage the text no longer has under that id (made on an earlier version): needed as the page opens. */
export const DeferredPassageLink = deferred(() => import("../_panels/passage-link").then((m) => m.PassageLink), {
  neededAtOnce: () => {
    const id = fragmentId(window.location.hash);
    return !!id && !document.getElementById(id);
  },
});

/** The entity cards: a click on a name before they are there opens its card once they are (not the entity's page), and so do a hover or focus on one. */
export const DeferredEntityCards = deferred(() => import("../_panels/entity-cards").then((m) => m.EntityCards), {
  replayClicks: "a.mention",
  replayHoverAndFocus: "a.mention",
});

/** The claims panel's behaviour: needed as the page opens when the address chooses a claim. */
export const DeferredClaimsPanel = deferred(() => import("../_panels/claims-panel").then((m) => m.ClaimsPanel), {
  neededAtOnce: () => new URL(window.location.href).searchParams.has("claim"),
  replayClicks: "a[data-claim]",
});
