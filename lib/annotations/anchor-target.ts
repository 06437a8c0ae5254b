import { anchorIn, resolveTarget, type Anchor, type AnchorableVersion } from "../anchoring/anchor";
import { DomainError } from "../errors";
import type { TextDraft } from "./types";

/**
 * Where a reader's annotation goes in the current version of document `slug`: the words its target
 * names there, as a fresh anchor. Refused (invalid, with the reason) when its source names another
 * document, or its words are not in the text or in no passage.
 */
export function anchorTarget(version: AnchorableVersion, slug: string, target: TextDraft["target"]): Anchor {
  if (target.document !== undefined && target.document !== slug)
    throw new DomainError("invalid", `The target's source is not the document "${slug}".`);
  return anchorIn(version, resolveTarget(version.text, target));
}
