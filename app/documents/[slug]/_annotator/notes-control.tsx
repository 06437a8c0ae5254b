"use client";

import { createPortal } from "react-dom";
import { containerPath } from "@/lib/annotations/annotation-paths";
import type { Viewer } from "./annotation-client";
import { SHOWN, type Shown } from "./use-shown-notes";

/** The choice of whose notes to show (All, Only mine, None) and, signed in, the export of one's own; in `host`. */
export function NotesControl({
  host,
  slug,
  viewer,
  showing,
  onChoose,
}: {
  host: HTMLElement;
  slug: string;
  viewer: Viewer | null;
  showing: Shown;
  onChoose: (shown: Shown) => void;
}) {
  return createPortal(
    <fieldset className="legend notes-control">
      <legend>Readers’ notes</legend>
      {SHOWN.filter(([value]) => value !== "mine" || viewer).map(([value, label]) => (
        <label key={value} className="legend-item">
          <input type="radio" name="readers-notes" value={value} checked={showing === value} onChange={() => onChoose(value)} />
          {label}
        </label>
      ))}
      {viewer ? (
        <p className="legend-link">
          Export your notes:{" "}
          <a href={`${containerPath(slug)}export?format=jsonld&creator=me`} download>
            JSON-LD
          </a>{" "}
          ·{" "}
          <a href={`${containerPath(slug)}export?format=csv&creator=me`} download>
            CSV
          </a>
        </p>
      ) : null}
    </fieldset>,
    host,
  );
}
