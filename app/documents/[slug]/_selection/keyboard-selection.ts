/**
 * Selecting words from the keyboard. Static text has no caret, so Shift and the arrow keys select
 * nothing unless the browser's caret browsing is on (F7). Here, with focus anywhere in a passage
 * (its ¶ link or a name in it, reached with Tab):
 * - Shift+Right/Left extend a selection by a character, with Ctrl (or Alt) by a word: Right from
 *   the start of the passage (from a ¶ link) or of the name (from a name), Left from its end;
 *   Shift+Down/Up by a line, Shift+Home/End to the line's edge;
 * - plain Right/Left (Ctrl for words) start a caret, shown on the character after it: Right at the
 *   start of the passage (or the name), Left at its end; then they move it, so the selection can
 *   start anywhere. Escape leaves the caret.
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

/** The text nodes of `element` with characters in them, in order. */
function textNodes(element: Node): Text[] {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) if (node.length > 0) nodes.push(node);
  return nodes;
}

/**
 * Where a caret or selection from the keyboard begins when focus is on `focused` (a ¶ link, a name
 * or another control of a passage): the start of the name, or of the passage, going forward; their
 * end going backward.
 */
function startingPoint(focused: Element, text: HTMLElement, direction: Direction): [Text, number] | null {
  const name = focused.closest("a.mention");
  const nodes = textNodes(name && text.contains(name) ? name : text);
  if (nodes.length === 0) return null;
  return direction === "forward" ? [nodes[0], 0] : [nodes[nodes.length - 1], nodes[nodes.length - 1].length];
}

/**
 * Shows the caret of a collapsed keyboard selection as a highlight of the character after it (the
 * one before it at the end of the passage).
 */
function showCaret(selection: Selection | null) {
  const registry = (globalThis.CSS as unknown as { highlights?: Map<string, unknown> } | undefined)?.highlights;
  const HighlightClass = (globalThis as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightClass) return;
  const caret = selection && selection.rangeCount > 0 && selection.isCollapsed ? selection.getRangeAt(0) : null;
  const text = caret ? passageTextOf(caret.startContainer) : null;
  if (!caret || !text || !(caret.startContainer instanceof Text)) {
    registry.delete("gloss-caret");
    return;
  }
  const nodes = textNodes(text);
  const at = nodes.indexOf(caret.startContainer);
  const offset = caret.startOffset;
  const range = document.createRange();
  if (offset < caret.startContainer.length) range.setStart(caret.startContainer, offset);
  else if (nodes[at + 1]) range.setStart(nodes[at + 1], 0);
  else if (offset > 0) range.setStart(caret.startContainer, offset - 1);
  else {
    registry.delete("gloss-caret");
    return;
  }
  range.setEnd(range.startContainer, range.startOffset + 1);
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

    /** Puts the caret where a keyboard selection begins from the focused control of a passage; false when focus is on none. */
    const begin = (from: Direction) => {
      // A ¶ link, Cite button or claim marker in the passage's margin, or a name in its words (not a
      // reader's note, which a list item holds too).
      const focused = document.activeElement;
      const text = focused?.closest("[data-margin], .passage-text") ? passageTextOf(focused) : null;
      const point = focused && text && root.contains(text) ? startingPoint(focused, text, from) : null;
      if (!point) return false;
      selection.collapse(...point);
      return true;
    };

    if (event.shiftKey) {
      if (!inText && !begin(direction)) return;
      event.preventDefault();
      selection.modify("extend", direction, granularity);
      caretActive = true;
      showCaret(selection);
      return;
    }
    // Plain keys move the caret only sideways (plain Up, Down, Home and End keep scrolling the page).
    if (fixed || event.altKey) return;
    if (!caretActive || !inText) {
      // The first Right or Left from a passage's ¶ link or a name starts the caret there.
      if (!begin(direction)) return;
      event.preventDefault();
      caretActive = true;
      showCaret(selection);
      return;
    }
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
