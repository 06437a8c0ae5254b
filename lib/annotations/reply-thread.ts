import type { SessionUser } from "../auth";
import { getDb } from "../db";
import { DomainError } from "../errors";
import { visibleTo } from "./queries";

const threadSelect = {
  id: true,
  documentId: true,
  origin: true,
  visibility: true,
  creatorId: true,
  replyToId: true,
  versionId: true,
  exact: true,
  prefix: true,
  suffix: true,
  start: true,
  end: true,
  passageId: true,
  state: true,
} as const;

/**
 * The thread a reply joins: the root annotation of the thread annotation `parentId` belongs to (a
 * reply to a reply joins its root's thread, so threads are flat). Refused as not_found when the
 * annotation does not exist or `user` may not see it (nor its document: visibleTo); as invalid
 * when it lies on another document
 * or is a curated annotation (those are rebuilt from the content files, and would take their
 * replies with them).
 */
export async function replyThread(documentId: string, user: SessionUser, parentId: string) {
  const db = getDb();
  const seen = (id: string) => db.annotation.findFirst({ where: { id, ...visibleTo(user) }, select: threadSelect });
  const parent = await seen(parentId);
  if (!parent) throw new DomainError("not_found", `No annotation "${parentId}" to reply to.`);
  if (parent.documentId !== documentId) throw new DomainError("invalid", `The annotation "${parentId}" is on another document.`);
  const root = parent.replyToId ? await seen(parent.replyToId) : parent;
  if (!root) throw new DomainError("not_found", `No annotation "${parentId}" to reply to.`);
  if (root.origin !== "user")
    throw new DomainError(
      "invalid",
      "Replies go to readers' annotations: curated ones are rebuilt from the content files. Annotate the text instead.",
    );
  const { versionId, exact, prefix, suffix, start, end, passageId, state } = root;
  return {
    id: root.id,
    visibility: root.visibility,
    anchor: { versionId, exact, prefix, suffix, start, end, passageId, state },
  };
}
