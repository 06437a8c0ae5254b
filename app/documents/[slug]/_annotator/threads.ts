import { isMine, replyTarget, type Note, type Viewer } from "./annotation-client";
import type { Shown } from "./use-shown-notes";

/** A thread: a note on the text and its replies. */
export interface ThreadView {
  root: Note;
  replies: Note[];
}

/** The threads, with each reply under the note it (or the reply it answers) is about. */
export function threadsOf(notes: Note[]): ThreadView[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const rootOf = (note: Note): Note | null => {
    let current: Note | undefined = note;
    for (let depth = 0; current && depth < 50; depth++) {
      const parent = replyTarget(current);
      if (!parent) return current;
      current = byId.get(parent);
    }
    return null;
  };
  const threads = new Map<string, ThreadView>();
  for (const note of notes) if (!replyTarget(note)) threads.set(note.id, { root: note, replies: [] });
  for (const note of notes) {
    if (!replyTarget(note)) continue;
    const root = rootOf(note);
    if (root) threads.get(root.id)?.replies.push(note);
  }
  for (const thread of threads.values()) thread.replies.sort((a, b) => a.created.localeCompare(b.created));
  return [...threads.values()];
}

/** Whether `thread` shows when the reader chose `shown`: with "mine", the threads the viewer started or answered. */
export function threadShown(thread: ThreadView, shown: Shown, viewer: Viewer | null | undefined): boolean {
  if (shown === "all") return true;
  if (shown === "none") return false;
  return isMine(thread.root, viewer) || thread.replies.some((reply) => isMine(reply, viewer));
}
