import DiffMatchPatch from "diff-match-patch";

/** A half-open range of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/**
 * What two versions of a text have in common, as a list of equal runs, and the map of positions
 * it gives. Built with diff-match-patch (line mode first, then characters, then cleaned up so
 * that short coincidental equalities inside rewritten text do not count as kept words).
 */
export class TextDiff {
  /** Equal runs, in order: old offset, new offset and length of each. */
  private readonly oldStarts: number[] = [];
  private readonly newStarts: number[] = [];
  private readonly lengths: number[] = [];
  /** Spans of the new text that are not in any equal run (inserted or rewritten), in order. */
  readonly inserted: Span[] = [];
  /** Characters deleted from the old text plus characters inserted into the new one. */
  readonly changed: number = 0;

  private constructor(
    readonly oldLength: number,
    readonly newLength: number,
    diffs: Array<[number, string]>,
  ) {
    let oldAt = 0;
    let newAt = 0;
    let changed = 0;
    for (const [op, text] of diffs) {
      if (op === 0) {
        if (newAt > this.lastNewEnd()) this.inserted.push({ start: this.lastNewEnd(), end: newAt });
        this.oldStarts.push(oldAt);
        this.newStarts.push(newAt);
        this.lengths.push(text.length);
        oldAt += text.length;
        newAt += text.length;
      } else if (op === -1) {
        oldAt += text.length;
        changed += text.length;
      } else {
        newAt += text.length;
        changed += text.length;
      }
    }
    if (newAt > this.lastNewEnd()) this.inserted.push({ start: this.lastNewEnd(), end: newAt });
    this.changed = changed;
  }

  /**
   * The diff between two texts. `timeoutSeconds` bounds the character-level search; past it the
   * diff is coarser (more text counts as rewritten) but never wrong.
   */
  static between(oldText: string, newText: string, timeoutSeconds = 1): TextDiff {
    if (oldText === newText) return new TextDiff(oldText.length, newText.length, oldText ? [[0, oldText]] : []);
    const dmp = new DiffMatchPatch();
    dmp.Diff_Timeout = timeoutSeconds;
    const diffs = dmp.diff_main(oldText, newText, true);
    dmp.diff_cleanupSemantic(diffs);
    return new TextDiff(oldText.length, newText.length, diffs);
  }

  private lastNewEnd(): number {
    const last = this.lengths.length - 1;
    return last < 0 ? 0 : this.newStarts[last] + this.lengths[last];
  }

  /** Index of the last equal run starting at or before old offset `at` (−1 if none). */
  private runAt(at: number): number {
    let low = 0;
    let high = this.oldStarts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.oldStarts[middle] <= at) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  /**
   * Where the old range `[start, end)` is in the new text when the edit left every one of its
   * characters in place (one equal run holds it all); null when the edit touched it.
   */
  intact(start: number, end: number): Span | null {
    const run = this.runAt(start);
    if (run < 0) return null;
    const runEnd = this.oldStarts[run] + this.lengths[run];
    if (start >= runEnd || end > runEnd) return null;
    const shift = this.newStarts[run] - this.oldStarts[run];
    return { start: start + shift, end: end + shift };
  }

  /**
   * What became of the old range `[start, end)`: the new span from where its first character
   * went (or the edit that removed it) to where its last character went, including whatever
   * replaced the changed parts. Empty when the range was deleted and nothing replaced it.
   */
  image(start: number, end: number): Span {
    const left = this.mapLeft(start);
    const right = this.mapRight(end);
    return { start: left, end: Math.max(left, right) };
  }

  /**
   * The old span of removed characters (in no equal run) that holds all of the old range
   * `[start, end)`, from the kept character before it to the kept character after it; null when
   * the edit kept any character of the range.
   */
  removedAround(start: number, end: number): Span | null {
    const run = this.runAt(start);
    const from = run < 0 ? 0 : this.oldStarts[run] + this.lengths[run];
    if (start < from) return null;
    const to = run + 1 < this.oldStarts.length ? this.oldStarts[run + 1] : this.oldLength;
    return end <= to ? { start: from, end: to } : null;
  }

  /** The new offset of old offset `at`, or, if that character was removed, of the end of the kept text before it. */
  private mapLeft(at: number): number {
    const run = this.runAt(at);
    if (run < 0) return 0;
    const offset = at - this.oldStarts[run];
    return offset < this.lengths[run] ? this.newStarts[run] + offset : this.newStarts[run] + this.lengths[run];
  }

  /** The new offset just after old offset `end − 1`, or, if that character was removed, of the start of the kept text after it. */
  private mapRight(end: number): number {
    if (end <= 0) return 0;
    const run = this.runAt(end - 1);
    if (run >= 0 && end - 1 < this.oldStarts[run] + this.lengths[run]) return this.newStarts[run] + (end - this.oldStarts[run]);
    const next = run + 1;
    return next < this.newStarts.length ? this.newStarts[next] : this.newLength;
  }

  /** How many characters of the new span `[start, end)` are inserted or rewritten text. */
  insertedIn(start: number, end: number): number {
    let count = 0;
    for (const span of this.insertedOverlapping(start, end)) count += Math.min(end, span.end) - Math.max(start, span.start);
    return count;
  }

  /** The inserted spans overlapping `[start, end)`. */
  *insertedOverlapping(start: number, end: number): Generator<Span> {
    let low = 0;
    let high = this.inserted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.inserted[middle].end <= start) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < this.inserted.length && this.inserted[i].start < end; i++) yield this.inserted[i];
  }
}
