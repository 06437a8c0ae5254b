"use client";

import { useEffect } from "react";

/**
 * Keyboard movement through search results: ArrowDown and ArrowUp move the focus from the search
 * box into the list and between result links (ArrowUp from the first goes back to the box);
 * Enter follows the focused link as any link does. Renders nothing.
 */
export function ResultsKeyboard() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const active = document.activeElement as HTMLElement | null;
      const links = [...document.querySelectorAll<HTMLAnchorElement>("a[data-search-result]")];
      const input = document.querySelector<HTMLInputElement>("input[data-search-input]");
      if (!active || links.length === 0) return;
      const at = links.indexOf(active as HTMLAnchorElement);
      const fromInput = active === input;
      if (at < 0 && !fromInput) return;
      event.preventDefault();
      if (event.key === "ArrowDown") {
        links[fromInput ? 0 : Math.min(at + 1, links.length - 1)].focus();
      } else if (fromInput) {
        return;
      } else if (at === 0) {
        input?.focus();
      } else {
        links[at - 1].focus();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
  return null;
}
