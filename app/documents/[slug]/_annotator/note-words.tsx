import type { ComponentType } from "react";
import type { NoteBody } from "@/lib/annotations/stored-body";
import { TagList } from "./tag-list";
import styles from "./note-words.module.css";

/**
 * How a page shows a markdown comment as sanitised HTML (lib/annotations/markdown.ts): a server
 * page renders it at once, the reader once the module has loaded (as plain text until then).
 */
export type MarkdownView = ComponentType<{ value: string }>;

/** The classes of a comment's element: as written (plain text), or rendered from markdown. */
export const commentClass = { plain: `${styles.text} ${styles.plain}`, markdown: `${styles.text} ${styles.markdown}` };

/** A note's words, as the reader and the version pages show them: its comments, then its tags. */
export function NoteWords({ body, Markdown }: { body: NoteBody; Markdown: MarkdownView }) {
  return (
    <div data-note-text="">
      {body.comments.map((comment, i) =>
        comment.format === "text/markdown" ? (
          <Markdown key={i} value={comment.value} />
        ) : (
          <div key={i} className={commentClass.plain}>
            {comment.value}
          </div>
        ),
      )}
      <TagList tags={body.tags} />
    </div>
  );
}
