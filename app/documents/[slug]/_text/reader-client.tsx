"use client";

import { useEffect, useState } from "react";
import { fragmentId } from "@/lib/citations/fragment-id";
import citeStyles from "../_panels/cite.module.css";
import { keepInView } from "./keep-in-view";
import { rangeFromOffsets } from "../_selection/text-range";
import { MARKUP_CHANGED } from "./markup-handoff";
import { rememberHiddenKinds } from "../_panels/names-legend-memory";

/** Copies text to the clipboard; false when the browser refuses. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Cite button in the margin of each passage of the text that has none: a control only the
 * browser's script can answer, so it is not in the page's HTML. It works from the start: a click
 * before the citation dialog has loaded opens it once it has (deferred.tsx). `html[data-cite-ready]`
 * says the buttons are there.
 */
function addCiteButtons(): void {
  for (const margin of document.querySelectorAll<HTMLElement>("#text .passage > .margin")) {
    const passage = margin.parentElement!;
    if (margin.querySelector("[data-cite-passage]")) continue;
    const label = passage.dataset.label ?? "passage";
    const button = document.createElement("button");
    button.type = "button";
    button.className = citeStyles.citeButton;
    button.dataset.citePassage = passage.id;
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-label", `Cite ${label}`);
    button.title = `Cite ${label}`;
    margin.append(button);
  }
  document.documentElement.dataset.citeReady = "";
}

/**
 * The reader's behaviour on top of the server-rendered text: a link to a passage lands on it and
 * keeps it in view while the page settles, the table of contents follows the reading position,
 * and a ¶ permalink copies the passage's address (and still navigates to it, which highlights it
 * through :target, as it does with JavaScript off). `wordsNamed` says the address names words (a
 * quote link or a chosen claim): those land on their words instead (CitedRange, ClaimsPanel). It
 * also adds the margin's Cite buttons (addCiteButtons) and restores the legend's choices.
 */
export function ReaderClient({
  wordsNamed = false,
  evidence,
  citeButtons = false,
}: {
  wordsNamed?: boolean;
  /** The chosen claim's first evidence in the text (an address with ?claim=): landed on at once, before the claims panel loads. */
  evidence?: { start: number; end: number; passageId: string };
  /** Whether the margins get Cite buttons (the reader's do). */
  citeButtons?: boolean;
}) {
  const [status, setStatus] = useState("");

  useEffect(() => {
    let stop = rememberHiddenKinds();
    const again = () => {
      stop();
      stop = rememberHiddenKinds();
    };
    document.addEventListener(MARKUP_CHANGED, again);
    return () => {
      stop();
      document.removeEventListener(MARKUP_CHANGED, again);
    };
  }, []);

  useEffect(() => {
    if (!citeButtons) return;
    addCiteButtons();
    document.addEventListener(MARKUP_CHANGED, addCiteButtons);
    return () => document.removeEventListener(MARKUP_CHANGED, addCiteButtons);
  }, [citeButtons]);

  useEffect(() => {
    if (!evidence) return;
    const target = rangeFromOffsets(document, evidence.start, evidence.end) ?? document.getElementById(evidence.passageId);
    if (target) keepInView(target);
    // Once: the address's claim, as the page opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The passage the address names (on load, and whenever the fragment changes: the contents, a ¶,
  // an evidence link) stays where the browser put it while the page settles.
  useEffect(() => {
    const land = () => {
      const id = fragmentId(window.location.hash);
      const passage = id ? document.getElementById(id) : null;
      if (passage?.matches("#text .passage")) keepInView(passage);
    };
    if (!wordsNamed) land();
    window.addEventListener("hashchange", land);
    return () => window.removeEventListener("hashchange", land);
  }, [wordsNamed]);

  // On a phone the contents start folded so the text comes first (open without JavaScript).
  useEffect(() => {
    const details = document.querySelector<HTMLDetailsElement>("nav.toc details");
    if (details && window.matchMedia("(max-width: 67.99rem)").matches) details.open = false;
  }, []);

  useEffect(() => {
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>("[data-toc-target]"));
    const targets = links
      .map((link) => ({ link, target: document.getElementById(link.dataset.tocTarget ?? "") }))
      .filter((entry): entry is { link: HTMLAnchorElement; target: HTMLElement } => entry.target !== null);
    let frame = 0;
    const update = () => {
      frame = 0;
      // Passages scroll into view 30% down the screen (scroll-margin-top), so count that as read.
      const line = window.innerHeight * 0.35;
      let current = targets[0];
      for (const entry of targets) if (entry.target.getBoundingClientRect().top <= line) current = entry;
      for (const entry of targets) {
        if (entry === current) entry.link.setAttribute("aria-current", "location");
        else entry.link.removeAttribute("aria-current");
      }
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);

  useEffect(() => {
    const onClick = async (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a.permalink");
      if (!(link instanceof HTMLAnchorElement)) return;
      const url = new URL(link.getAttribute("href") ?? "", window.location.href).toString();
      const label = link.closest("[data-label]")?.getAttribute("data-label") ?? "passage";
      setStatus("");
      const copied = await copyText(url);
      setStatus(copied ? `Link to ${label} copied` : `Link to ${label}: ${url}`);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(""), 4000);
    return () => clearTimeout(timer);
  }, [status]);

  return (
    <div className="toast" role="status" aria-live="polite" data-visible={status ? "true" : "false"}>
      {status}
    </div>
  );
}
