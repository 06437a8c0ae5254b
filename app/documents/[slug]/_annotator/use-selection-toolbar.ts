"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import { installKeyboardSelection } from "../_selection/keyboard-selection";
import { installPointerSelection } from "../_selection/pointer-selection";
import { selectionInPassage } from "../_selection/selection";
import type { TextRange } from "@/lib/text-model/text-range";
import { loadForms } from "./lazy-parts";

/** Words selected in one passage, and where the toolbar under them goes (page coordinates). */
export type Selected = TextRange & { top: number; left: number };

/**
 * Follows the words selected in the text (mouse, touch, or Shift and the arrow keys), for the
 * toolbar in `popover`: Alt+A moves focus into it, Escape calls `onEscape`. While `paused` (a form
 * is open) the selection is not followed. `returnPoint` is where focus goes back to when the
 * toolbar closes: what had it when the words were selected (the ¶ link or name a keyboard
 * selection began at), else the passage's ¶ link.
 */
export function useSelectionToolbar(popover: RefObject<HTMLDivElement | null>, options: { paused: boolean; onEscape: () => void }) {
  const [selection, setSelection] = useState<Selected | null>(null);
  const returnPoint = useRef<HTMLElement | null>(null);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    const root = document.getElementById("text");
    if (!root) return;
    const removeKeyboard = installKeyboardSelection(root);
    const removePointer = installPointerSelection(root);
    return () => {
      removeKeyboard();
      removePointer();
    };
  }, []);

  // Follow the selection (mouse, touch and keyboard all end in selectionchange).
  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (latest.current.paused) return;
        const found = selectionInPassage(window.getSelection());
        if (found && found.passage.closest("#text")) {
          const rect = found.range.getBoundingClientRect();
          const { start, end, exact, prefix, suffix } = found;
          const active = document.activeElement;
          const passage = found.passage.closest<HTMLElement>(".passage");
          if (!(active && popover.current?.contains(active)))
            returnPoint.current =
              active instanceof HTMLElement && passage?.contains(active)
                ? active
                : (passage?.querySelector<HTMLElement>("a.permalink") ?? null);
          void loadForms(); // ready by the time a button is pressed
          setSelection({
            start,
            end,
            exact,
            prefix,
            suffix,
            top: rect.bottom + window.scrollY + 8,
            left: Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - 420)),
          });
        } else if (!popover.current?.contains(document.activeElement)) {
          setSelection(null);
        }
      });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && (event.key === "a" || event.key === "A" || event.code === "KeyA")) {
        const first = popover.current?.querySelector<HTMLElement>("button, a, textarea, input");
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === "Escape" && popover.current) {
        latest.current.onEscape();
      }
    };
    const selectionEvents = ["selectionchange", "mouseup", "touchend", "keyup"] as const;
    for (const name of selectionEvents) document.addEventListener(name, update);
    document.addEventListener("keydown", onKey);
    return () => {
      cancelAnimationFrame(frame);
      for (const name of selectionEvents) document.removeEventListener(name, update);
      document.removeEventListener("keydown", onKey);
    };
  }, [popover]);

  return { selection, setSelection, returnPoint };
}
