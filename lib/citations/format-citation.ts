import CSL from "citeproc";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";
import type { CslItem } from "./csl-item";
import { CSL_STYLES, cslFile, type StyledFormat } from "./csl-styles";

/** Every format a citation comes in. */
export const CITATION_FORMATS = ["chicago", "mla", "apa", "bibtex", "ris", "csl-json"] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

/**
 * The locator label given to citeproc. A passage label carries its own marks ("§3 ¶4"), so the
 * label must be one for which no style prints a term ("p.", "sec.", "para."): citeproc-js prints
 * none for a label it has no term for.
 */
const BARE_LOCATOR_LABEL = "none";

/** A citation in one of the styles, as plain text and as HTML. */
export interface StyledCitation {
  /** What to copy: the note (Chicago), or the reference entry then the in-text citation (MLA, APA). */
  citation: string;
  html: string;
  /** The bibliography, works-cited or reference-list entry. */
  reference: string;
  /** Chicago's first (full) note for the passage. */
  note?: string;
  /** MLA's or APA's parenthetical citation of the passage. */
  inText?: string;
  /** The short form: Chicago's subsequent note, or the in-text citation, without a final period. */
  short: string;
  /** The style's title. */
  style: string;
}

/** The item the engines are formatting now (citeproc asks for it by id while it runs). */
let current: CslItem | null = null;
let sequence = 0;
const engines = new Map<string, InstanceType<typeof CSL.Engine>>();

/**
 * An engine per style and output format, made once: parsing a style is slow (APA's takes more
 * than a second), formatting with a parsed one takes milliseconds. Engines run synchronously,
 * so one formatting never sees another's item.
 */
function engineFor(styleFile: string, format: "text" | "html") {
  const key = `${styleFile}:${format}`;
  let engine = engines.get(key);
  if (!engine) {
    engine = new CSL.Engine(
      { retrieveLocale: () => cslFile("locales-en-US.xml"), retrieveItem: (id: string) => ({ ...current, id }) },
      cslFile(styleFile),
      "en-US",
      true,
    );
    engine.setOutputFormat(format);
    engines.set(key, engine);
  }
  return engine;
}

/** Runs citeproc-js with a style on one item: its bibliography entry and its citation of `locator`. */
function render(styleFile: string, item: CslItem, locator: string, format: "text" | "html") {
  const engine = engineFor(styleFile, format);
  // A fresh id per rendering, so the engine never reuses what it kept of an earlier item.
  const id = `${item.id}-${++sequence}`;
  current = item;
  try {
    engine.updateItems([id]);
    const bibliography = engine.makeBibliography();
    const reference = bibliography ? bibliography[1].join("").trim() : "";
    const first = engine.makeCitationCluster([{ id, locator, label: BARE_LOCATOR_LABEL, position: CSL.POSITION_FIRST }]);
    const subsequent = engine.makeCitationCluster([{ id, locator, label: BARE_LOCATOR_LABEL, position: CSL.POSITION_SUBSEQUENT }]);
    return { reference, first: first.trim(), subsequent: subsequent.trim() };
  } finally {
    current = null;
  }
}

/** Collapses the white space of citeproc's text output (a bibliography entry ends in a newline). */
const tidy = (value: string) => value.replace(/\s+/g, " ").trim();

/**
 * The citation of `locator` in `item` in a CSL style, made by citeproc-js with the bundled CSL
 * style and en-US locale.
 */
export function formatStyled(format: StyledFormat, item: CslItem, locator: string): StyledCitation {
  const { file, title } = CSL_STYLES[format];
  const text = render(file, item, locator, "text");
  const html = render(file, item, locator, "html");
  const reference = tidy(text.reference);
  const first = tidy(text.first);
  const short = tidy(text.subsequent).replace(/\.$/, "");
  if (format === "chicago") {
    return { citation: first, html: html.first, reference, note: first, short, style: title };
  }
  return {
    citation: `${reference}\n${first}`,
    html: `${html.reference}\n<p>${html.first}</p>`,
    reference,
    inText: first,
    short: first,
    style: title,
  };
}

/**
 * BibTeX, RIS or CSL-JSON of `item`, made by Citation.js. RIS lines are kept whole: Citation.js
 * wraps them at 70 characters, which would break the permalink in two.
 */
export function formatData(format: "bibtex" | "ris" | "csl-json", item: CslItem): string {
  const cite = new Cite([item]);
  if (format === "csl-json") return `${JSON.stringify([item], null, 2)}\n`;
  if (format === "bibtex") return `${cite.format("bibtex").trim()}\n`;
  const lines: string[] = [];
  for (const line of cite.format("ris").split(/\r?\n/)) {
    if (line === "") continue;
    if (/^[A-Z][A-Z0-9] {2}-( |$)/.test(line) || lines.length === 0) lines.push(line);
    else lines[lines.length - 1] += line;
  }
  return `${lines.join("\n")}\n`;
}
