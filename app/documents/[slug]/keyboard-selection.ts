/**
 * Selecting words from the keyboard. Static text has no caret, so Shift and the arrow keys select
 * nothing unless the browser's caret browsing is on (F7). Here, with focus anywhere in a passage
 * (its ¶ link or a name in it, reached with Tab):
 * - Shift+Right/Left extend a selection from the start of the passage by a character, with Ctrl
 *   (or Alt) by a word; Shift+Down/Up by a line, Shift+Home/End to the line's edge;
 * - Right/Left (Ctrl for words) first move a caret, shown on the character after it, so the
 *   selection can start anywhere; Escape leaves the caret.
 * The selection then behaves as a mouse selection: Alt+A opens the annotation toolbar.
 */

type Direction = "forward" | "backward";
type Granularity = "character" | "word" | "line" | "lineboundary";

const KEYS: Record<string, [Direction, Granularity | null]> = {
  ArrowRight: ["forward", null],
  ArrowLeft: ["backward", null],
  ArrowDown: ["forward", "line"],
  ArrowUp: ["backward", "line"],
  End: ["forward", "lineboundary"],
  Home: ["backward", "lineboundary"],
};

interface ModifiableSelection extends Selection {
  modify(alter: "move" | "extend", direction: Direction, granularity: Granularity): void;
}

const editable = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

function passageTextOf(node: Node | null): HTMLElement | null {
  const element = node instanceof Element ? node : node?.parentElement;
  const passage = element?.closest<HTMLElement>(".passage");
  return passage?.querySelector<HTMLElement>(".passage-text[data-start]") ?? null;
}

function firstTextNode(element: HTMLElement): Text | null {
  return document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode() as Text | null;
}

/** Shows the caret of a collapsed keyboard selection as a highlight of the next character. */
function showCaret(selection: Selection | null) {
  const registry = (globalThis.CSS as unknown as { highlights?: Map<string, unknown> } | undefined)?.highlights;
  const HighlightClass = (globalThis as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightClass) return;
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) {
    registry.delete("gloss-caret");
    return;
  }
  const { startContainer, startOffset } = selection.getRangeAt(0);
  if (!(startContainer instanceof Text) || startOffset >= startContainer.length) {
    registry.delete("gloss-caret");
    return;
  }
  const range = document.createRange();
  range.setStart(startContainer, startOffset);
  range.setEnd(startContainer, startOffset + 1);
  registry.set("gloss-caret", new HighlightClass(range));
}

/** Installs the keyboard selection on `root` (the document's text); returns its removal. */
export function installKeyboardSelection(root: HTMLElement): () => void {
  let caretActive = false;

  const onKeyDown = (event: KeyboardEvent) => {
    if (editable(event.target) || event.defaultPrevented) return;
    if (event.key === "Escape" && caretActive) {
      caretActive = false;
      showCaret(null);
      return;
    }
    const known = KEYS[event.key];
    if (!known || event.metaKey) return;
    const selection = window.getSelection() as ModifiableSelection | null;
    if (!selection || typeof selection.modify !== "function") return;
    const inText = selection.rangeCount > 0 && root.contains(selection.anchorNode) && passageTextOf(selection.anchorNode) !== null;
    const [direction, fixed] = known;
    const granularity: Granularity = fixed ?? (event.ctrlKey || event.altKey ? "word" : "character");

    if (event.shiftKey) {
      if (!inText) {
        const text = passageTextOf(document.activeElement);
        if (!text || !root.contains(text)) return;
        const node = firstTextNode(text);
        if (!node) return;
        selection.collapse(node, 0);
      }
      event.preventDefault();
      selection.modify("extend", direction, granularity);
      caretActive = true;
      showCaret(selection);
      return;
    }
    // Moving the caret: only once a keyboard selection has begun, and only sideways (plain Up,
    // Down, Home and End keep scrolling the page).
    if (!caretActive || !inText || fixed || event.altKey) return;
    event.preventDefault();
    if (selection.isCollapsed) selection.modify("move", direction, granularity);
    else if (direction === "forward") selection.collapseToEnd();
    else selection.collapseToStart();
    showCaret(selection);
  };

  const onPointer = () => {
    caretActive = false;
    showCaret(null);
  };

  document.addEventListener("keydown", onKeyDown);
  document.addEventListener("pointerdown", onPointer);
  return () => {
    document.removeEventListener("keydown", onKeyDown);
    document.removeEventListener("pointerdown", onPointer);
    showCaret(null);
  };
}
