"use client";

import { useEffect, useState } from "react";
import { attachAnnotation, failureMessage, getAnnotation, type Note } from "./annotation-client";
import type { TextRange } from "@/lib/text-model/text-range";

/** An annotation being re-attached (`?reattach=<id>`): its id, the note once loaded, and what went wrong. */
export interface Reattaching {
  id: string;
  note: Note | null;
  error: string;
}

/**
 * Re-attaching an annotation whose words were lost, as an editor does from the anchors to review
 * (`?reattach=<id>` in the reader's address): the annotation, and a banner's host before the text.
 */
export function useReattach(slug: string) {
  const [reattach, setReattach] = useState<Reattaching | null>(null);
  const [bannerHost, setBannerHost] = useState<HTMLElement | null>(null);

  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get("reattach");
    const text = document.getElementById("text");
    if (!id || !text) return;
    const host = document.createElement("div");
    host.setAttribute("data-gloss-reattach", "");
    text.before(host);
    setBannerHost(host);
    setReattach({ id, note: null, error: "" });
    getAnnotation(slug, id)
      .then((note) => setReattach({ id, note, error: "" }))
      .catch((error) => setReattach({ id, note: null, error: failureMessage(error) }));
    return () => host.remove();
  }, [slug]);

  /**
   * Attaches the annotation to `words`. Returns the note attached (its `note` may be null when it
   * could not be loaded), or null when the API refused, the banner then saying why.
   */
  const attach = async (words: Pick<TextRange, "start" | "end" | "exact">): Promise<{ note: Note | null } | null> => {
    if (!reattach) return null;
    try {
      await attachAnnotation(slug, reattach.id, words);
    } catch (error) {
      setReattach({ ...reattach, error: failureMessage(error) });
      return null;
    }
    const url = new URL(window.location.href);
    url.searchParams.delete("reattach");
    window.history.replaceState(null, "", url);
    setReattach(null);
    return { note: reattach.note };
  };

  return { reattach, bannerHost, attach };
}
