"use client";

import { useEffect, useState } from "react";
import { MARKUP_CHANGED } from "./markup-handoff";

/**
 * A number that changes whenever a kept markup of the page (the text, the claims list) is replaced
 * in the browser: effects that hold its elements (observers, highlights, hosts put into it) list
 * it among their dependencies to run again on the new ones.
 */
export function useMarkupChanges(): number {
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const changed = () => setChanges((n) => n + 1);
    document.addEventListener(MARKUP_CHANGED, changed);
    return () => document.removeEventListener(MARKUP_CHANGED, changed);
  }, []);
  return changes;
}
