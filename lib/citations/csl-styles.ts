import fs from "node:fs";
import path from "node:path";

/** The styled formats and the CSL style each uses (files in lib/citations/csl/, see its README). */
export const CSL_STYLES = {
  chicago: { file: "chicago-fullnote-bibliography.csl", title: "Chicago Manual of Style 17th edition (full note)" },
  mla: { file: "modern-language-association.csl", title: "Modern Language Association 9th edition" },
  apa: { file: "apa.csl", title: "APA Style 7th edition" },
} as const;

export type StyledFormat = keyof typeof CSL_STYLES;

const folder = () => path.join(process.cwd(), "lib", "citations", "csl");
const cache = new Map<string, string>();

/** The text of a file in lib/citations/csl/, read once (from the working directory, as `npm start` runs). */
export function cslFile(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(folder(), name), "utf8");
    cache.set(name, text);
  }
  return text;
}
