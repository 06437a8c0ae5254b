"use client";

import { useCallback, useEffect, useLayoutEffect, useState, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { keptCopySlug } from "@/lib/documents/reader-path";
import { returnFocusAfterLoad } from "../_selection/focus-return";
import type { PrivateLayer } from "@/lib/annotations/private-layer";
import { CARD_ENTITIES_EVENT } from "../_panels/card-entities";
import { getPrivateLayer, type Viewer } from "./annotation-client";
import { useMarkupChanges } from "../_text/use-markup-changes";

/**
 * The signed-in reader's private identifications, drawn in the text as the server draws names,
 * with their entities' cards: the reader's page is the same for every reader (one kept copy), so
 * their browser asks for them once it knows who is reading, and draws them over the server's text
 * when it is of the same version. `refreshPage` renders the page again on the server (after a name
 * is made, which the server draws) with the drawn names taken out first, so that React finds its
 * text as it left it, and asks for them again, to draw once the new page is in; on the kept copy it
 * loads the page again (the new name's copy).
 */
export function usePrivateNames(slug: string, viewer: Viewer | null | undefined): { refreshPage: (focusAfter?: string) => void } {
  const router = useRouter();
  const pathname = usePathname();
  const [layer, setLayer] = useState<PrivateLayer | null>(null);
  const [asked, setAsked] = useState(0);
  const [refreshing, startRefresh] = useTransition();

  useEffect(() => {
    setLayer(null);
    if (!viewer) return;
    let live = true;
    getPrivateLayer(slug)
      .then((found) => live && setLayer(found))
      // The reader's own names are an addition to the page: when they cannot be had, the page reads on without them.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [slug, viewer, asked]);

  // The text is drawn on again when it is replaced (loaded after a client navigation: decision 018).
  const textChanges = useMarkupChanges();

  // A layout effect: the names are taken out in the same commit that starts a refresh, before the
  // server's new text can be committed. The drawing's code is loaded only for a reader who has some.
  useLayoutEffect(() => {
    const root = document.getElementById("text");
    if (!layer || refreshing || !root || root.dataset.version !== layer.version || layer.mentions.length === 0) return;
    const kinds = new Map(layer.entities.map((e) => [e.id, e.kind]));
    let live = true;
    let undo: (() => void) | null = null;
    import("./drawn-mentions")
      .then(({ drawMentions }) => {
        if (!live) return;
        document.dispatchEvent(new CustomEvent(CARD_ENTITIES_EVENT, { detail: layer.entities }));
        undo = drawMentions(
          root,
          layer.mentions.map((m) => ({ ...m, kind: kinds.get(m.entityId) ?? "person" })),
        );
      })
      .catch(() => undefined);
    return () => {
      live = false;
      undo?.();
    };
  }, [layer, refreshing, textChanges]);

  const refreshPage = useCallback(
    (focusAfter?: string) => {
      // The kept copy is rendered as another route (/reader-cache/…), whose tree a refresh of this
      // address does not match: the router would fetch the page's payload for nothing, then load
      // the whole page. Load it at once instead (focus then goes to `focusAfter`, as after a claim).
      if (pathname !== null && keptCopySlug(pathname) !== null) {
        if (focusAfter) returnFocusAfterLoad(focusAfter);
        window.location.reload();
        return;
      }
      startRefresh(() => router.refresh());
      setAsked((n) => n + 1);
    },
    [router, pathname],
  );

  return { refreshPage };
}
