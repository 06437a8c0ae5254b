"use client";

import { useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import styles from "./timeline.module.css";

const MARK = "a[data-mark]";

const markOf = (target: EventTarget | null): SVGAElement | null =>
  target instanceof Element ? (target.closest(MARK) as SVGAElement | null) : null;

interface Tip {
  text: string;
  /** The mark's box, relative to the figure. */
  anchor: { left: number; top: number; width: number; height: number };
}

/**
 * The timeline's behaviour beyond links: ArrowLeft and ArrowRight move the focus to the previous
 * and next mark in date order (the marks' document order), Home and End to the first and last,
 * and a mark under the pointer or the focus shows its claim in a tooltip. Without JavaScript the
 * marks are still links reached with Tab, named by their <title>.
 */
export function TimelineFigure({ children }: { children: ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  const tipBox = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);

  const show = (mark: SVGAElement) => {
    if (!frame.current) return;
    const box = mark.getBoundingClientRect();
    const outer = frame.current.getBoundingClientRect();
    setTip({
      text: mark.getAttribute("aria-label") ?? "",
      anchor: { left: box.left - outer.left, top: box.top - outer.top, width: box.width, height: box.height },
    });
  };

  // Place the tooltip above its mark (below when there is no room), inside the figure.
  useLayoutEffect(() => {
    const element = tipBox.current;
    if (!tip || !element || !frame.current) return;
    const width = element.offsetWidth;
    const height = element.offsetHeight;
    const room = frame.current.clientWidth;
    const left = Math.min(Math.max(0, tip.anchor.left + tip.anchor.width / 2 - width / 2), Math.max(0, room - width));
    const above = tip.anchor.top - height - 6;
    element.style.left = `${left}px`;
    element.style.top = `${above >= 0 ? above : tip.anchor.top + tip.anchor.height + 6}px`;
    element.style.visibility = "visible";
  }, [tip]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const mark = markOf(event.target);
    if (!mark || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const marks = Array.from(frame.current?.querySelectorAll<SVGAElement>(MARK) ?? []);
    const at = marks.indexOf(mark);
    const next =
      event.key === "ArrowRight"
        ? marks[Math.min(at + 1, marks.length - 1)]
        : event.key === "ArrowLeft"
          ? marks[Math.max(at - 1, 0)]
          : event.key === "Home"
            ? marks[0]
            : event.key === "End"
              ? marks[marks.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    next.focus();
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const mark = markOf(event.target);
    if (mark) show(mark);
  };
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (markOf(event.target) && !markOf(event.relatedTarget)) setTip(null);
  };
  const onMouseOver = (event: MouseEvent<HTMLDivElement>) => {
    const mark = markOf(event.target);
    if (mark) show(mark);
  };
  /** Shows the focused mark's tooltip, or none. */
  const follow = () => {
    const focused = markOf(document.activeElement);
    if (focused && frame.current?.contains(focused)) show(focused);
    else setTip(null);
  };
  const onMouseOut = (event: MouseEvent<HTMLDivElement>) => {
    const from = markOf(event.target);
    if (from && markOf(event.relatedTarget) !== from) follow();
  };

  return (
    <div
      ref={frame}
      className={styles.frame}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
      onMouseOver={onMouseOver}
      onMouseOut={onMouseOut}
    >
      <div className={styles.scroller} onScroll={follow}>
        {children}
      </div>
      {tip ? (
        <div ref={tipBox} className={styles.tooltip} aria-hidden="true" data-tooltip="">
          {tip.text}
        </div>
      ) : null}
    </div>
  );
}
