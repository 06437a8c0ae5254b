"use client";

import { useEffect, useState, type ReactNode } from "react";
import { fragmentId } from "@/lib/citations/fragment-id";

/**
 * A link to the current reader that, with JavaScript on, follows the passage this page is at
 * (its #fragment) when the current text still has that passage (its element says so with
 * `data-in-current`). Without JavaScript it leads to the top of the current text; each passage's
 * margin links to itself there.
 */
export function CurrentLink({ href, children }: { href: string; children: ReactNode }) {
  const [target, setTarget] = useState(href);
  useEffect(() => {
    const update = () => {
      const id = fragmentId(window.location.hash);
      const passage = id ? document.getElementById(id) : null;
      setTarget(id && passage?.getAttribute("data-in-current") === "true" ? `${href}#${encodeURIComponent(id)}` : href);
    };
    update();
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, [href]);
  return <a href={target}>{children}</a>;
}
