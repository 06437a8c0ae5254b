"use client";

import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { fragmentId } from "@/lib/citations/fragment-id";
import type { PassageWhereabouts } from "@/lib/documents/passage-link";
import { isPassageId } from "@/lib/validation/ids";

/**
 * A link to a passage (`#id`) made before the text changed names an id the current text may lack
 * (passage ids hash their words). Then this asks where the passage went: it goes to the passage
 * that holds its words now and says the passage has changed, or says its words are gone; either
 * way with a link to the version the link was made on.
 */
export function PassageLink({ slug }: { slug: string }) {
  const [notice, setNotice] = useState<{ found: Exclude<PassageWhereabouts, { state: "current" }>; id: string } | null>(null);
  const [host, setHost] = useState<HTMLElement | null>(null);

  useEffect(() => {
    const id = fragmentId(window.location.hash);
    if (!id || !isPassageId(id) || document.getElementById(id)) return;
    let cancelled = false;
    fetch(`/api/documents/${encodeURIComponent(slug)}/passages/${encodeURIComponent(id)}`)
      .then((response) => (response.ok ? (response.json() as Promise<PassageWhereabouts>) : null))
      .then((found) => {
        if (cancelled || !found || found.state === "current") return;
        const header = document.querySelector<HTMLElement>("#text .document-header");
        if (header) {
          const element = document.createElement("div");
          header.append(element);
          setHost(element);
        }
        setNotice({ found, id });
        // Where its words are now, as a link to it would land (and marked as its target).
        if (found.state === "changed") window.location.replace(`#${found.passageId}`);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [slug]);

  useEffect(() => () => host?.remove(), [host]);

  if (!notice || !host) return null;
  const { found, id } = notice;
  const earlier = (
    <a href={`/documents/${encodeURIComponent(slug)}/v/${found.was.version}#${encodeURIComponent(id)}`}>
      {found.was.label} of version {found.was.version}
    </a>
  );
  return createPortal(
    <p className="cite-notice" role="status" data-passage-link={found.state}>
      {found.state === "changed" ? (
        <>
          The passage this link names, {earlier}, has changed since the link was made. It is now {found.label}, shown below.
        </>
      ) : (
        <>The passage this link names, {earlier}, is no longer in the text: its words are gone.</>
      )}
    </p>,
    host,
  );
}
