/** The fields of a passage a locator needs. */
export interface LocatablePassage {
  id: string;
  label: string;
  section: number;
  paragraph: number;
  start: number;
  end: number;
}

/** Where a cited range lies: its locator and the passages it touches, in reading order. */
export interface PassageLocation<P extends LocatablePassage> {
  /** "§3 ¶4", "§3" (a section heading), "¶2" (the opening), "p. 12 ¶3" (a paged source), or a range: "§3 ¶¶4–6", "§3 ¶4–§4 ¶2", "p. 12 ¶¶3–5". */
  locator: string;
  passages: P[];
}

/** The passages that `[start, end)` (UTF-16 offsets into the plain text) overlaps, in reading order. */
export function passagesInRange<P extends LocatablePassage>(passages: P[], start: number, end: number): P[] {
  return passages.filter((p) => p.start < end && p.end > start);
}

/** A paged source's label: "p. 12 ¶3". */
const PAGE_LABEL = /^p\. (\d+) ¶(\d+)$/;

/**
 * The locator of one passage or of a run of passages. A run within one section's paragraphs
 * shares the section: "§3 ¶¶4–6", "¶¶2–3" in the opening; anything else joins the first and
 * last labels with an en dash: "§3 ¶4–§4 ¶2", "§3–§3 ¶2" (from a section's heading).
 */
export function rangeLocator(first: LocatablePassage, last: LocatablePassage): string {
  if (first.id === last.id) return first.label;
  // Paged sources: "p. 12 ¶3" to "p. 12 ¶5" is "p. 12 ¶¶3–5".
  const [onPage, lastOnPage] = [PAGE_LABEL.exec(first.label), PAGE_LABEL.exec(last.label)];
  if (onPage && lastOnPage)
    return onPage[1] === lastOnPage[1] ? `p. ${onPage[1]} ¶¶${onPage[2]}–${lastOnPage[2]}` : `${first.label}–${last.label}`;
  if (first.section === last.section && first.paragraph > 0 && last.paragraph > 0) {
    return `${first.section > 0 ? `§${first.section} ` : ""}¶¶${first.paragraph}–${last.paragraph}`;
  }
  return `${first.label}–${last.label}`;
}

/**
 * The locator of `[start, end)`: the label of the passage holding it, or a range of labels
 * when it spans passages (the blank lines between passages count for neither). Undefined when
 * the range touches no passage.
 */
export function locateRange<P extends LocatablePassage>(passages: P[], start: number, end: number): PassageLocation<P> | undefined {
  const touched = passagesInRange(passages, start, end);
  if (touched.length === 0) return undefined;
  return { locator: rangeLocator(touched[0], touched[touched.length - 1]), passages: touched };
}
