// The book-sized document the re-anchoring benchmarks use.

/** The seed edition's body repeated under chapter headings, every passage but the headings numbered "¶chapter.n". */
export function buildBook(seedMarkdown: string, copies: number): string {
  const end = seedMarkdown.indexOf("\n---\n", 4) + 5;
  const frontmatter = seedMarkdown.slice(0, end);
  const body = seedMarkdown.slice(end).split("\n");
  const out = [frontmatter];
  for (let chapter = 1; chapter <= copies; chapter++) {
    out.push(`## Chapter ${chapter}`, "");
    let n = 0;
    for (const line of body) {
      if (line === "" || line.startsWith("#") || line.startsWith(":::")) out.push(line);
      else {
        const marker = /^(> |\d+\. |- )/.exec(line)?.[0] ?? "";
        out.push(`${marker}¶${chapter}.${++n} ${line.slice(marker.length)}`);
      }
    }
  }
  return out.join("\n");
}
