"use client";

import { useEffect, useState } from "react";
import type { Viewer } from "./annotation-client";

/** Whose notes the reader shows: everyone's, the reader's own (and the threads they answered), or none. */
export type Shown = "all" | "mine" | "none";
export const SHOWN: Array<[Shown, string]> = [
  ["all", "All"],
  ["mine", "Only mine"],
  ["none", "None"],
];
const SHOWN_KEY = "gloss:readers-notes";
const SHOWN_SAID: Record<Shown, string> = {
  all: "Showing every reader’s notes.",
  mine: "Showing only your notes.",
  none: "Readers’ notes are hidden.",
};

/**
 * Whose notes are shown: the reader's last choice in this browser (remembered across reloads), and
 * where the choice is offered (the contents column's `[data-notes-control]`). `announce` says a
 * new choice aloud.
 */
export function useShownNotes(viewer: Viewer | null | undefined, announce: (message: string) => void) {
  const [shown, setShown] = useState<Shown>("all");
  const [controlHost, setControlHost] = useState<HTMLElement | null>(null);

  useEffect(() => {
    try {
      const stored = localStorage.getItem(SHOWN_KEY);
      if (stored === "all" || stored === "mine" || stored === "none") setShown(stored);
    } catch {
      // unreadable storage: every note shows
    }
    setControlHost(document.querySelector<HTMLElement>("[data-notes-control]"));
  }, []);

  const choose = (next: Shown) => {
    setShown(next);
    announce(SHOWN_SAID[next]);
    try {
      localStorage.setItem(SHOWN_KEY, next);
    } catch {
      // storage full or denied: the choice lasts for this page only
    }
  };

  /** "Only mine" means nothing to a reader who is not signed in: they see every note. */
  const showing: Shown = shown === "mine" && viewer === null ? "all" : shown;
  return { showing, choose, controlHost };
}
