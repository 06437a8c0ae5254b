/**
 * Selecting words with a mouse, pen or finger from anywhere in the text, names included, and only
 * in the text.
 *
 * A name in the text is a link (to its entity's page; its card opens on it), and Chromium starts no
 * selection on a link or on anything else that takes focus: a drag that starts on a name drags the
 * link, and a double- or triple-click on it selects nothing. So while a press on a name lasts, the
 * name is not a link: its address waits in data-href and comes back once the press, and the click
 * it makes, are over. The click still opens the card (entity-cards.tsx), Tab still reaches the name,
 * and a click with a modifier or another button (open in a new tab) is left to the link.
 *
 * A drag that leaves the text would take the margin's numbers, the readers' notes, the claims
 * panel or a card with it, and a selection across them makes no note. While a press that began in
 * the text lasts (and the selection it made, after it), only the passages the pointer has been
 * over, and those between them, can be selected (html[data-selecting] and .passage-text[data-
 * selectable], globals.css): a drag into a side panel ends at the nearest words of the text.
 */

const NAME = "a.mention";
const WORDS = ".passage-text[data-start]";

const pressedAlone = (event: PointerEvent) =>
  event.isPrimary && event.button === 0 && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;

/**
 * The text of the passage a pointer is over within `root`: the one it is in (its words, number or
 * margin), else, beside or between passages, the one whose words the browser takes for that point.
 */
function wordsOf(root: HTMLElement, event: PointerEvent): HTMLElement | null {
  const target = event.target;
  if (!(target instanceof Element) || !root.contains(target)) return null;
  const inPassage = target.closest<HTMLElement>(WORDS) ?? target.closest(".passage")?.querySelector<HTMLElement>(WORDS);
  if (inPassage) return inPassage;
  const caret = document.caretRangeFromPoint?.(event.clientX, event.clientY)?.startContainer;
  const element = caret instanceof Element ? caret : caret?.parentElement;
  return element && root.contains(element) ? element.closest<HTMLElement>(WORDS) : null;
}

/** Installs the pointer behaviour on `root` (the document's text); returns its removal. */
export function installPointerSelection(root: HTMLElement): () => void {
  /** Names whose link is set aside while a press on them lasts. */
  let unlinked: HTMLAnchorElement[] = [];
  /** The passages' texts in reading order, and the span of them a drag has reached (indexes). */
  let texts: HTMLElement[] = [];
  let reached: [number, number] | null = null;
  let pressing = false;

  const relink = () => {
    for (const name of unlinked) {
      if (name.dataset.href !== undefined) name.setAttribute("href", name.dataset.href);
      delete name.dataset.href;
    }
    unlinked = [];
  };

  const release = () => {
    delete document.documentElement.dataset.selecting;
    for (const text of root.querySelectorAll<HTMLElement>(`${WORDS}[data-selectable]`)) delete text.dataset.selectable;
    reached = null;
  };

  /** Lets the passages from index `from` to `to` (in either order) be selected, with those already reached. */
  const reach = (from: number, to: number) => {
    const [low, high] = reached
      ? [Math.min(reached[0], from, to), Math.max(reached[1], from, to)]
      : [Math.min(from, to), Math.max(from, to)];
    for (let i = low; i <= high; i++) texts[i].dataset.selectable = "";
    reached = [low, high];
  };

  const onDown = (event: PointerEvent) => {
    relink();
    release();
    pressing = false;
    if (!pressedAlone(event)) return;
    const name = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>(NAME) : null;
    if (name && root.contains(name) && name.hasAttribute("href")) {
      name.dataset.href = name.getAttribute("href")!;
      name.removeAttribute("href");
      unlinked.push(name);
    }
    const words = wordsOf(root, event);
    if (!words) return;
    texts = Array.from(root.querySelectorAll<HTMLElement>(WORDS));
    const at = texts.indexOf(words);
    if (at < 0) return;
    pressing = true;
    document.documentElement.dataset.selecting = "";
    reach(at, at);
  };

  const onMove = (event: PointerEvent) => {
    if (!pressing || !reached) return;
    const words = wordsOf(root, event);
    const at = words ? texts.indexOf(words) : -1;
    if (at >= 0 && (at < reached[0] || at > reached[1])) reach(at, at);
  };

  // The click a press makes comes after its pointerup, in the same task: the name is a link again after it.
  const onUp = () => {
    pressing = false;
    setTimeout(relink, 0);
    // A click that selected nothing leaves everything selectable (Ctrl+A, copying from a panel).
    if (window.getSelection()?.isCollapsed !== false) release();
  };

  // Once the selection is gone, everything can be selected again (the panels' text, to copy it).
  const onSelectionChange = () => {
    if (pressing || !document.documentElement.hasAttribute("data-selecting")) return;
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) release();
  };

  document.addEventListener("pointerdown", onDown, true);
  document.addEventListener("pointermove", onMove, true);
  document.addEventListener("pointerup", onUp, true);
  document.addEventListener("pointercancel", onUp, true);
  document.addEventListener("selectionchange", onSelectionChange);
  window.addEventListener("blur", relink);
  return () => {
    document.removeEventListener("pointerdown", onDown, true);
    document.removeEventListener("pointermove", onMove, true);
    document.removeEventListener("pointerup", onUp, true);
    document.removeEventListener("pointercancel", onUp, true);
    document.removeEventListener("selectionchange", onSelectionChange);
    window.removeEventListener("blur", relink);
    relink();
    release();
  };
}
