// Where a link lands, and keeping it there while the page settles.
//
// A link to a passage or to words scrolls them onto the landing line: the passage's
// scroll-margin-top (globals.css, 30% down the screen), where the browser puts a passage it scrolls
// to itself. The page then keeps changing above it for a while: readers' notes load section by
// section and are inserted under their passages (on wide screens they sit in a margin column and
// move nothing), sections still skipped by content-visibility are laid out at their real heights
// (534 to 3,634 px for the seed edition, against a 1,500 px placeholder), and on a phone the
// contents fold. Each of these would carry the words off the screen.
//
// The browser's scroll anchoring (overflow-anchor) does not prevent it. It keeps in place the node
// at the top of the viewport, not the words 30% down: notes inserted between the two still push the
// words down. And while the section above the words is not laid out yet, that section is the anchor
// (its contents are skipped, so none of them can be): when it grows to its real height its top does
// not move, so nothing is corrected, and everything after it moves by the difference.
//
// So the target is held on its line: whenever the size of anything that can move it changes, the
// page scrolls by as much as the target moved. This stops as soon as the reader moves the page
// themselves (wheel, touch, a key, a pointer press), and when another target lands.

/** What a link lands on: a passage (or another element), or words in one. */
export type LandingTarget = Element | Range;

/** Input that means the reader is moving the page themselves. */
const READER_INPUT = ["wheel", "touchstart", "keydown", "pointerdown"] as const;

/** Stops holding the current target; null when nothing is held. */
let release: (() => void) | null = null;

const elementOf = (target: LandingTarget): Element | null =>
  target instanceof Range
    ? target.startContainer instanceof Element
      ? target.startContainer
      : target.startContainer.parentElement
    : target;

/** The landing line (px from the top of the viewport): the scroll-margin-top of the target's passage. */
function landingLine(target: LandingTarget): number {
  const element = elementOf(target);
  const passage = element?.closest(".passage") ?? element;
  const margin = passage ? parseFloat(getComputedStyle(passage).scrollMarginTop) : NaN;
  return Number.isFinite(margin) ? margin : 0;
}

/** What, changing size, can move the target: everything above it in the reader, and the page itself. */
function watchedElements(): Element[] {
  return [document.body, ...document.querySelectorAll("nav.toc, #text, #text > *, #text-body > *")];
}

/**
 * Scrolls `target` to the landing line and holds it there through the layout changes that follow,
 * until the reader scrolls or presses anything, or another target lands. Pass a Range for words:
 * the first line of the words is what is held.
 */
export function keepInView(target: LandingTarget): void {
  release?.();
  const element = elementOf(target);
  if (!element?.isConnected) return;

  const align = () => {
    if (!elementOf(target)?.isConnected) return stop();
    const moved = target.getBoundingClientRect().top - landingLine(target);
    if (Math.abs(moved) >= 1) window.scrollBy({ top: moved, behavior: "instant" });
  };
  // ResizeObserver reports after layout and before paint: the correction is never seen.
  const observer = new ResizeObserver(align);
  const stop = () => {
    observer.disconnect();
    for (const name of READER_INPUT) window.removeEventListener(name, stop, { capture: true });
    window.removeEventListener("resize", align);
    if (release === stop) release = null;
  };
  for (const watched of watchedElements()) observer.observe(watched);
  for (const name of READER_INPUT) window.addEventListener(name, stop, { capture: true, passive: true });
  // The line is a share of the viewport's height, which can change without any element's size.
  window.addEventListener("resize", align);
  release = stop;
  align();
}
