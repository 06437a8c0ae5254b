import { createHash } from "node:crypto";
import type { ReactNode } from "react";
import { handOver } from "./markup-handoff";
import { MarkupIsland } from "./markup-island";
import { staticMarkup } from "./static-markup";

/**
 * `children` (server-only markup: elements and plain function components) in the page's HTML, but
 * not in its React payload: written here as an HTML string, handed to the page's server rendering
 * in this process, and left alone by React in the browser. `src` is the address of a page that
 * holds it, where the browser loads it when it renders the page itself (a client navigation) or
 * the markup changed (a refresh). The island is a `<div id={id}>`.
 */
export function KeptMarkup({ id, className, src, children }: { id: string; className?: string; src: string; children: ReactNode }) {
  const markup = staticMarkup(children);
  const token = createHash("sha256").update(markup).digest("base64url").slice(0, 22);
  handOver(token, markup);
  return <MarkupIsland id={id} className={className} token={token} src={src} />;
}
