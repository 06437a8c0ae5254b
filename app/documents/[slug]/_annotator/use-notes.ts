"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { failureMessage, listAnnotations, replyTarget, type Note } from "./annotation-client";
import { useMarkupChanges } from "../_text/use-markup-changes";

/** The motivations of the notes shown beside the text (identifications and claims show as names and claims). */
export const NOTE_MOTIVATIONS = ["commenting", "tagging", "replying"] as const;

/** Whether an annotation of `motivation` is a note shown beside the text. */
export const isNoteMotivation = (motivation: string) => (NOTE_MOTIVATIONS as readonly string[]).includes(motivation);

/** The notes `filter` selects (a range of the text, `start=…&end=…`, or those whose words are gone, `state=orphaned`). */
const notesFor = (slug: string, filter: string) =>
  Promise.all(NOTE_MOTIVATIONS.map((motivation) => listAnnotations(slug, `motivation=${motivation}&${filter}`))).then((lists) =>
    lists.flat(),
  );

/** `notes` with `items` in, each replacing the note of its id. */
function merged(notes: Note[], items: Note[]): Note[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  for (const item of items) byId.set(item.id, item);
  return [...byId.values()];
}

/** `notes` without the note `id` and the replies under it: a deleted note takes its replies with it. */
function withoutThread(notes: Note[], id: string): Note[] {
  const gone = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const n of notes) {
      const parent = replyTarget(n);
      if (parent && gone.has(parent) && !gone.has(n.id)) {
        gone.add(n.id);
        grew = true;
      }
    }
  }
  return notes.filter((n) => !gone.has(n.id));
}

/** The first and last offsets of a section's passages, or null when it has none. */
function rangeOf(section: Element): [number, number] | null {
  const spans = section.querySelectorAll<HTMLElement>(".passage-text[data-start]");
  if (spans.length === 0) return null;
  return [Number(spans[0].dataset.start), Number(spans[spans.length - 1].dataset.end)];
}

/**
 * The readers' notes on the document: those whose words are gone at once, the others section by
 * section as the sections near the screen (two screens ahead), so a book's first screen does not
 * wait for the notes on the rest of it. A load that fails is kept as `failure` (the reason) until
 * `retry` loads it again. The reader's own changes come back from the API and are applied here
 * (`added`, `changed`, `deleted`), without asking the server for the page again.
 */
export function useNotes(slug: string) {
  const [notes, setNotes] = useState<Note[]>([]);
  /** The filters whose last load failed, each with the reason. */
  const [failed, setFailed] = useState<ReadonlyMap<string, string>>(new Map());
  /** Every filter asked for so far, in order. */
  const asked = useRef<string[]>([]);

  const settle = useCallback(
    (filter: string, reason: string | null) =>
      setFailed((old) => {
        if (reason === null ? !old.has(filter) : old.get(filter) === reason) return old;
        const next = new Map(old);
        if (reason === null) next.delete(filter);
        else next.set(filter, reason);
        return next;
      }),
    [],
  );

  const fetchNotes = useCallback(
    async (filter: string) => {
      try {
        const items = await notesFor(slug, filter);
        setNotes((all) => merged(all, items));
        settle(filter, null);
      } catch (error) {
        settle(filter, failureMessage(error));
      }
    },
    [slug, settle],
  );

  const load = useCallback(
    (filter: string) => {
      if (!asked.current.includes(filter)) asked.current.push(filter);
      return fetchNotes(filter);
    },
    [fetchNotes],
  );

  useEffect(() => {
    void load("state=orphaned");
  }, [load]);

  // The text's sections, again when the text is replaced (loaded after a client navigation, or anew).
  const textChanges = useMarkupChanges();
  useEffect(() => {
    const observer = new IntersectionObserver(
      (entries) => {
        const near = entries.filter((e) => e.isIntersecting).map((e) => e.target);
        for (const section of near) observer.unobserve(section);
        const ranges = near.map(rangeOf).filter((r): r is [number, number] => r !== null);
        if (ranges.length === 0) return;
        // Sections near the screen at once are next to each other: one range covers them.
        void load(`start=${Math.min(...ranges.map((r) => r[0]))}&end=${Math.max(...ranges.map((r) => r[1]))}`);
      },
      { rootMargin: "200% 0px" },
    );
    for (const section of document.querySelectorAll("#text .text-section")) observer.observe(section);
    return () => observer.disconnect();
  }, [load, textChanges]);

  /** Loads again the loads that failed. */
  const retry = useCallback(() => Promise.all([...failed.keys()].map(fetchNotes)), [failed, fetchNotes]);

  /** Loads again everything asked for so far (after a change the server made, such as re-attaching): the answer replaces the notes. */
  const reload = useCallback(async () => {
    const filters = [...asked.current];
    const results = await Promise.allSettled(filters.map((filter) => notesFor(slug, filter)));
    const lists = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    // Only a whole answer may drop notes: with a load missing, what came is merged in.
    setNotes((all) => merged(lists.length === results.length ? [] : all, lists.flat()));
    results.forEach((r, i) => settle(filters[i], r.status === "fulfilled" ? null : failureMessage(r.reason)));
  }, [slug, settle]);

  const added = useCallback((note: Note) => setNotes((all) => [...all, note]), []);
  const changed = useCallback((updated: Note) => setNotes((all) => all.map((n) => (n.id === updated.id ? updated : n))), []);
  const deleted = useCallback((id: string) => setNotes((all) => withoutThread(all, id)), []);

  return { notes, failure: failed.size > 0 ? [...failed.values()][0] : null, retry, reload, added, changed, deleted };
}
