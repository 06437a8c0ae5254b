import { createHash } from "node:crypto";
import GithubSlugger from "github-slugger";

/**
 * Hands out the public ids of a document's passages. Headings get a slug of their text
 * ("origins-of-the-second-etr"); other passages get "p-" and eight hex digits of a hash of their
 * text. Both depend only on the passage's own words, so an edit elsewhere never moves an id onto
 * other words. Repeats get a numeric suffix in reading order: "notes-1" for a heading (the
 * slugger's convention), "p-1a2b3c4d-2" for a passage.
 */
export class PassageIdAllocator {
  private readonly slugger = new GithubSlugger();
  private readonly seen = new Map<string, number>();

  heading(text: string): string {
    const slug = this.slugger.slug(text) || "section";
    return this.unique(/^[a-z]/.test(slug) ? slug : `s-${slug}`);
  }

  passage(text: string): string {
    return this.unique(`p-${createHash("sha256").update(text).digest("hex").slice(0, 8)}`);
  }

  private unique(id: string): string {
    const count = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, count);
    return count === 1 ? id : `${id}-${count}`;
  }
}
