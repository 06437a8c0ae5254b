/**
 * Where focus goes when what held it goes away: a form of the selection toolbar saved, cancelled or
 * left with Escape, a note's Edit or Reply form closed, a note deleted. Left alone, focus falls to
 * the page's body, and a keyboard or screen-reader user starts again from the top of the page.
 * Every such place in the reader sends focus on through `returnFocus` (and, across the whole load
 * that follows a saved claim, `returnFocusAfterLoad`).
 */

/** An element, or how to find one (it may not be on the page yet). */
export type FocusTarget = Element | null | undefined | (() => Element | null | undefined);

const find = (target: FocusTarget) => (typeof target === "function" ? target() : target) ?? null;

const focusable = (element: Element | null): element is HTMLElement | SVGElement =>
  (element instanceof HTMLElement || element instanceof SVGElement) && element.isConnected;

function focusOn(element: HTMLElement | SVGElement, preventScroll: boolean) {
  // A note or another element that is not a control takes focus from a script only.
  if (element.tabIndex < 0 && !element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  element.focus({ preventScroll });
}

/**
 * Moves focus to the first of `targets` on the page. The first one may be waited for, up to `wait`
 * ms (a note just saved shows once it is rendered, a name just identified once the page is
 * refreshed); the others are where focus goes when it does not come. Nothing moves if the reader
 * has put focus somewhere themselves meanwhile.
 */
export function returnFocus(targets: FocusTarget[], { wait = 0, preventScroll = false }: { wait?: number; preventScroll?: boolean } = {}) {
  const [first, ...rest] = targets;
  const from = document.activeElement;
  /** Focus is where it was when this was asked for, or fell to the body when that went away. */
  const untouched = () => {
    const now = document.activeElement;
    return !now || now === from || now === document.body;
  };
  const settle = () => {
    for (const target of rest) {
      const element = find(target);
      if (focusable(element)) return focusOn(element, preventScroll);
    }
  };
  const tryFirst = () => {
    const element = find(first);
    if (!focusable(element)) return false;
    focusOn(element, preventScroll);
    return true;
  };
  if (tryFirst()) return;
  if (wait <= 0) return settle();
  const deadline = performance.now() + wait;
  const observer = new MutationObserver(() => check());
  const timer = setTimeout(() => check(), wait);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  const check = () => {
    if (!untouched()) return stop();
    if (tryFirst()) return stop();
    if (performance.now() >= deadline) {
      stop();
      settle();
    }
  };
  observer.observe(document.body, { childList: true, subtree: true });
}

const AFTER_LOAD = "gloss:focus-after-load";

/**
 * Asks the next load of this page (a whole load the reader itself starts, as after saving a claim)
 * to put focus on what `selector` finds there.
 */
export function returnFocusAfterLoad(selector: string) {
  try {
    sessionStorage.setItem(AFTER_LOAD, JSON.stringify({ path: window.location.pathname, selector }));
  } catch {
    // Storage refused: focus starts at the top of the page, as on any load.
  }
}

/** On a load, focuses what the load before asked for (returnFocusAfterLoad), without scrolling to it; once. */
export function takeFocusAfterLoad() {
  let asked: { path?: string; selector?: string } | null = null;
  try {
    asked = JSON.parse(sessionStorage.getItem(AFTER_LOAD) ?? "null");
    sessionStorage.removeItem(AFTER_LOAD);
  } catch {
    return;
  }
  if (!asked?.selector || asked.path !== window.location.pathname) return;
  const selector = asked.selector;
  returnFocus([() => document.querySelector(selector)], { wait: 3000, preventScroll: true });
}
