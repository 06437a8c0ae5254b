"use client";

import { Suspense } from "react";
import type { Note, Viewer } from "./annotation-client";
import { Thread } from "./lazy-parts";
import type { ThreadView } from "./threads";
import styles from "./annotator.module.css";

export interface ThreadActions {
  viewer: Viewer | null | undefined;
  slug: string;
  onChanged: (note: Note) => void;
  onDeleted: (id: string) => void;
  onAdded: (note: Note) => void;
}

/** A list of threads: a passage's, or those whose words are gone. */
export function ThreadList({
  threads,
  passageLabel,
  label,
  ...actions
}: ThreadActions & { threads: ThreadView[]; passageLabel: string; label?: string }) {
  return (
    <ul className={styles.notes} aria-label={label}>
      <Suspense fallback={null}>
        {threads.map((thread) => (
          <Thread key={thread.root.id} note={thread.root} replies={thread.replies} passageLabel={passageLabel} {...actions} />
        ))}
      </Suspense>
    </ul>
  );
}
